package io.qhub.service.client.internal;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.qhub.service.client.HubTokenException;
import io.qhub.service.client.Sleeper;
import io.qhub.service.client.TransportRetryPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Retries calls that failed in a way that can succeed later, following a {@link TransportRetryPolicy}: safe calls
 * (everything but {@code POST}) on I/O errors and HTTP 429, 502, 503, 504; {@code POST} only when the connection
 * could not be opened, so that an execution is never started twice. Each retry is logged at WARN with the method,
 * URL, reason and delay; never with headers or bodies.
 */
public final class TransportRetryFilter implements ExchangeFilterFunction {

	private static final Log logger = LogFactory.getLog(TransportRetryFilter.class);

	private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 502, 503, 504);

	private final TransportRetryPolicy policy;

	private final Sleeper sleeper;

	private final Clock clock;

	private final boolean postIsSafe;

	/**
	 * Creates the filter.
	 * @param policy attempts and backoff
	 * @param sleeper waits between attempts
	 * @param clock measures elapsed time and reads {@code Retry-After} dates
	 */
	public TransportRetryFilter(TransportRetryPolicy policy, Sleeper sleeper, Clock clock) {
		this(policy, sleeper, clock, false);
	}

	private TransportRetryFilter(TransportRetryPolicy policy, Sleeper sleeper, Clock clock, boolean postIsSafe) {
		this.policy = policy;
		this.sleeper = sleeper;
		this.clock = clock;
		this.postIsSafe = postIsSafe;
	}

	/**
	 * A filter for an endpoint whose {@code POST}s have no side effect worth protecting (the OAuth2 token
	 * endpoint: a second token request only issues a second token), so they are retried like reads.
	 * @param policy attempts and backoff
	 * @param sleeper waits between attempts
	 * @param clock measures elapsed time and reads {@code Retry-After} dates
	 * @return the filter
	 */
	public static TransportRetryFilter forIdempotentPosts(TransportRetryPolicy policy, Sleeper sleeper, Clock clock) {
		return new TransportRetryFilter(policy, sleeper, clock, true);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.defer(() -> attempt(request, next, 1, this.clock.instant()));
	}

	private Mono<ClientResponse> attempt(ClientRequest request, ExchangeFunction next, int attempt, Instant start) {
		return next.exchange(request)
			.map(Outcome::response)
			.onErrorResume((ex) -> Mono.just(Outcome.failure(ex)))
			.flatMap((outcome) -> {
				Duration delay = retryDelay(request, outcome, attempt, start);
				if (delay == null) {
					return outcome.toMono();
				}
				logger.warn("Retrying " + request.method() + " " + request.url() + " in " + delay.toMillis()
						+ " ms (attempt " + (attempt + 1) + " of " + this.policy.maxAttempts() + ") after "
						+ outcome.describe());
				Mono<Void> release = (outcome.response != null) ? outcome.response.releaseBody() : Mono.empty();
				return release.then(this.sleeper.sleep(delay))
					.then(Mono.defer(() -> attempt(request, next, attempt + 1, start)));
			});
	}

	private @Nullable Duration retryDelay(ClientRequest request, Outcome outcome, int attempt, Instant start) {
		if (attempt >= this.policy.maxAttempts() || !isRetryable(request.method(), outcome, this.postIsSafe)) {
			return null;
		}
		Duration hinted = (outcome.response != null)
				? RetryAfter.parse(outcome.response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER),
						this.clock)
				: null;
		Duration delay = (hinted != null) ? capped(hinted) : withJitter(this.policy.backoff(attempt));
		Duration elapsedAfterWait = Duration.between(start, this.clock.instant()).plus(delay);
		return (elapsedAfterWait.compareTo(this.policy.maxElapsed()) > 0) ? null : delay;
	}

	private static boolean isRetryable(HttpMethod method, Outcome outcome, boolean postIsSafe) {
		boolean safe = postIsSafe || !HttpMethod.POST.equals(method);
		if (outcome.response != null) {
			return safe && RETRYABLE_STATUS.contains(outcome.response.statusCode().value());
		}
		Throwable error = outcome.error;
		if (error == null || error instanceof HubTokenException) {
			return false;
		}
		return safe || ErrorText.hasCause(error, ConnectException.class);
	}

	private Duration capped(Duration hinted) {
		return (hinted.compareTo(this.policy.maxBackoff()) > 0) ? this.policy.maxBackoff() : hinted;
	}

	private Duration withJitter(Duration delay) {
		if (this.policy.jitter() == 0 || delay.isZero()) {
			return delay;
		}
		double factor = 1 - this.policy.jitter() + 2 * this.policy.jitter() * ThreadLocalRandom.current().nextDouble();
		return Duration.ofNanos((long) (delay.toNanos() * factor));
	}

	private record Outcome(@Nullable ClientResponse response, @Nullable Throwable error) {

		static Outcome response(ClientResponse response) {
			return new Outcome(response, null);
		}

		static Outcome failure(Throwable error) {
			return new Outcome(null, error);
		}

		Mono<ClientResponse> toMono() {
			return (this.response != null) ? Mono.just(this.response) : Mono.error(this.error);
		}

		String describe() {
			return (this.response != null) ? "HTTP " + this.response.statusCode().value()
					: ErrorText.describe(this.error);
		}

	}

}
