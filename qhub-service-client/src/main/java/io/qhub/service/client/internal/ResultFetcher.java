package io.qhub.service.client.internal;

import java.time.Duration;
import java.util.function.Function;

import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.core.Backoff;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.Sleeper;
import io.qhub.service.core.internal.CallBudget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;

/**
 * Fetches a final execution's result, following a {@link ResultRetryPolicy}: only
 * failures that can succeed later ({@code FailureKind.isRetryable()}: I/O errors,
 * timeouts, 5xx, 429, 404 while the result is not yet published) are retried. Spring
 * Retry's {@link RetryPolicy} decides each retry (a {@link SimpleRetryPolicy} of
 * {@code maxAttempts} that reads the client's one classification); the wait before it is
 * the one {@link Backoff} (the server's {@code Retry-After} first, capped), slept on the
 * client's {@link Sleeper}, a timer: no thread is parked on this reactive path (Spring
 * Retry's {@code RetryTemplate} sleeps in its caller's thread, so it is not used here).
 * Each attempt is a single request (no transport retry underneath), so a result answered
 * 503 every time costs exactly {@code maxAttempts} requests. Internal: not exported by
 * the module.
 */
public final class ResultFetcher {

	private static final Log logger = LogFactory.getLog(ResultFetcher.class);

	private final Function<String, Mono<ResultResponse>> fetchResult;

	private final RetryPolicy retryPolicy;

	private final int maxAttempts;

	private final Backoff backoff;

	private final Sleeper sleeper;

	/**
	 * Creates the fetcher of one client, fetching with single attempts.
	 * @param operations the gateway operations
	 * @param policy attempts and backoff
	 * @param sleeper waits between attempts
	 */
	public ResultFetcher(GatewayOperations operations, ResultRetryPolicy policy, Sleeper sleeper) {
		this((id) -> operations.getResult(id, CallBudget.SINGLE_ATTEMPT), policy, sleeper);
	}

	/**
	 * Creates a fetcher.
	 * @param fetchResult one attempt (a single request)
	 * @param policy attempts and backoff
	 * @param sleeper waits between attempts
	 */
	ResultFetcher(Function<String, Mono<ResultResponse>> fetchResult, ResultRetryPolicy policy, Sleeper sleeper) {
		this.fetchResult = fetchResult;
		this.maxAttempts = policy.maxAttempts();
		this.retryPolicy = new SimpleRetryPolicy(policy.maxAttempts()) {

			private static final long serialVersionUID = 1L;

			@Override
			public boolean canRetry(RetryContext context) {
				Throwable last = context.getLastThrowable();
				return (last == null || isRetryable(last)) && super.canRetry(context);
			}

		};
		this.backoff = policy.backoff();
		this.sleeper = sleeper;
	}

	/**
	 * Fetches the result of an execution known to be final.
	 * @param id the execution id
	 * @return the result
	 */
	public Mono<ResultResponse> fetch(String id) {
		return Mono.defer(() -> {
			RetryContext context = this.retryPolicy.open(null);
			return attempt(id, context);
		});
	}

	private Mono<ResultResponse> attempt(String id, RetryContext context) {
		return this.fetchResult.apply(id).onErrorResume(ResultFetcher::isRetryable, (failure) -> {
			this.retryPolicy.registerThrowable(context, failure);
			if (!this.retryPolicy.canRetry(context)) {
				return Mono.error(failure);
			}
			int retry = context.getRetryCount();
			Duration delay = this.backoff.delay(retry, retryAfter(failure));
			logger.warn("Fetching the result failed (attempt " + retry + " of " + this.maxAttempts + "): "
					+ failure.getMessage() + "; trying again in " + delay.toMillis() + " ms");
			return this.sleeper.sleep(delay).then(Mono.defer(() -> attempt(id, context)));
		});
	}

	private static @Nullable Duration retryAfter(Throwable failure) {
		return (failure instanceof HubApiException api) ? api.retryAfter().orElse(null) : null;
	}

	static boolean isRetryable(Throwable ex) {
		return ex instanceof HubClientException failure && failure.failureKind().isRetryable();
	}

}
