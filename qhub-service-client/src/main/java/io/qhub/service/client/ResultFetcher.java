package io.qhub.service.client;

import java.time.Duration;
import java.util.function.Function;

import io.qhub.service.client.internal.ErrorText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

/**
 * Fetches a final execution's result with Spring Retry's imperative {@link RetryTemplate}, following a
 * {@link ResultRetryPolicy}: only I/O errors, 404 (result not yet published) and 5xx are retried. The template
 * runs on Reactor's bounded-elastic scheduler, and waits through the client's {@link Sleeper}, so tests see the
 * backoff without waiting for it.
 */
final class ResultFetcher {

	private static final Log logger = LogFactory.getLog(ResultFetcher.class);

	private final Function<String, Mono<ResultResponse>> fetchResult;

	private final RetryTemplate retryTemplate;

	ResultFetcher(Function<String, Mono<ResultResponse>> fetchResult, ResultRetryPolicy policy, Sleeper sleeper) {
		this.fetchResult = fetchResult;
		this.retryTemplate = retryTemplate(policy, sleeper);
	}

	private static RetryTemplate retryTemplate(ResultRetryPolicy policy, Sleeper sleeper) {
		ExponentialBackOffPolicy backOff = new ExponentialBackOffPolicy();
		backOff.setInitialInterval(policy.initialBackoff().toMillis());
		backOff.setMultiplier(policy.multiplier());
		backOff.setMaxInterval(Math.max(policy.maxBackoff().toMillis(), 1));
		backOff.setSleeper((millis) -> sleeper.sleep(Duration.ofMillis(millis)).block());
		SimpleRetryPolicy retryPolicy = new SimpleRetryPolicy(policy.maxAttempts()) {

			private static final long serialVersionUID = 1L;

			@Override
			public boolean canRetry(RetryContext context) {
				Throwable last = context.getLastThrowable();
				return (last == null || isRetryable(last)) && super.canRetry(context);
			}

		};
		RetryTemplate template = new RetryTemplate();
		template.setBackOffPolicy(backOff);
		template.setRetryPolicy(retryPolicy);
		template.setThrowLastExceptionOnExhausted(true);
		template.registerListener(new RetryListener() {

			@Override
			public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
					Throwable throwable) {
				if (isRetryable(throwable) && context.getRetryCount() < policy.maxAttempts()) {
					logger.warn("Fetching the result failed (attempt " + context.getRetryCount() + " of "
							+ policy.maxAttempts() + "): " + ErrorText.describe(throwable));
				}
			}

		});
		return template;
	}

	/**
	 * Fetches the result of an execution known to be final.
	 * @param id the execution id
	 * @return the result
	 */
	Mono<ResultResponse> fetch(String id) {
		return Mono.fromCallable(() -> this.retryTemplate.execute((context) -> this.fetchResult.apply(id).block()))
			.subscribeOn(Schedulers.boundedElastic());
	}

	static boolean isRetryable(Throwable ex) {
		if (ex instanceof HubTransportException) {
			return true;
		}
		return ex instanceof HubApiException api && (api.isNotFound() || api.isServerError());
	}

}
