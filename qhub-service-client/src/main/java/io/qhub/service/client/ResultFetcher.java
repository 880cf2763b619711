package io.qhub.service.client;

import java.time.Duration;
import java.util.function.Function;

import io.qhub.service.client.model.ResultResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

/**
 * Fetches a final execution's result with Spring Retry's imperative {@link RetryTemplate}, following a
 * {@link ResultRetryPolicy}: only failures that can succeed later ({@link FailureKind#isRetryable()}: I/O errors,
 * timeouts, 5xx, 429, 404 while the result is not yet published) are retried, waiting the policy's backoff or the
 * server's {@code Retry-After} (capped at the policy's longest wait). Each attempt is a single request (no
 * transport retry underneath), so a result answered 503 every time costs exactly {@code maxAttempts} requests. The
 * first attempt is sent directly, without a thread; only once it has failed retryably does the template take over
 * (counting that failure as its first attempt), on Reactor's bounded-elastic scheduler, waiting through the
 * client's {@link Sleeper}, so tests see the backoff without waiting for it. A result that arrives at once thus
 * never queues for a worker thread (10,000 results at once used to wait in the worker queue, each holding its
 * chain).
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
		backOff.setSleeper((millis) -> sleep(sleeper, Duration.ofMillis(millis)));
		SimpleRetryPolicy retryPolicy = new SimpleRetryPolicy(policy.maxAttempts()) {

			private static final long serialVersionUID = 1L;

			@Override
			public boolean canRetry(RetryContext context) {
				Throwable last = context.getLastThrowable();
				return (last == null || isRetryable(last)) && super.canRetry(context);
			}

		};
		RetryTemplate template = new RetryTemplate();
		template.setBackOffPolicy(new RetryAfterBackOffPolicy(backOff, policy.maxBackoff(), sleeper));
		template.setRetryPolicy(retryPolicy);
		template.setThrowLastExceptionOnExhausted(true);
		template.registerListener(new RetryListener() {

			@Override
			public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
					Throwable throwable) {
				if (isRetryable(throwable) && context.getRetryCount() < policy.maxAttempts()) {
					logger.warn("Fetching the result failed (attempt " + context.getRetryCount() + " of "
							+ policy.maxAttempts() + "): " + throwable.getMessage());
				}
			}

		});
		return template;
	}

	private static void sleep(Sleeper sleeper, Duration duration) {
		sleeper.sleep(duration).block();
	}

	/**
	 * Fetches the result of an execution known to be final.
	 * @param id the execution id
	 * @return the result
	 */
	Mono<ResultResponse> fetch(String id) {
		return this.fetchResult.apply(id)
			.onErrorResume(ResultFetcher::isRetryable, (first) -> Mono.fromCallable(() -> this.retryTemplate
				.execute((context) -> (context.getRetryCount() == 0) ? rethrow(first) : this.fetchResult.apply(id)
					.block()))
				.subscribeOn(Schedulers.boundedElastic()));
	}

	/** The template's first attempt is the failure already seen, so it counts and backs off from it. */
	private static ResultResponse rethrow(Throwable first) {
		throw (HubClientException) first;
	}

	static boolean isRetryable(Throwable ex) {
		return ex instanceof HubClientException failure && failure.failureKind().isRetryable();
	}

	/**
	 * The exponential backoff, unless the last failure carried a {@code Retry-After}: then that (capped).
	 */
	private static final class RetryAfterBackOffPolicy implements BackOffPolicy {

		private final BackOffPolicy delegate;

		private final Duration maxBackoff;

		private final Sleeper sleeper;

		RetryAfterBackOffPolicy(BackOffPolicy delegate, Duration maxBackoff, Sleeper sleeper) {
			this.delegate = delegate;
			this.maxBackoff = maxBackoff;
			this.sleeper = sleeper;
		}

		@Override
		public BackOffContext start(RetryContext context) {
			return new Context(context, this.delegate.start(context));
		}

		@Override
		public void backOff(BackOffContext backOffContext) {
			Context context = (Context) backOffContext;
			if (context.retry.getLastThrowable() instanceof HubApiException api && api.retryAfter().isPresent()) {
				Duration hinted = api.retryAfter().get();
				sleep(this.sleeper, (hinted.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : hinted);
				return;
			}
			this.delegate.backOff(context.delegate);
		}

		private record Context(RetryContext retry, BackOffContext delegate) implements BackOffContext {
		}

	}

}
