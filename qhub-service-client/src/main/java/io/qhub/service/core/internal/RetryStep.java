package io.qhub.service.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.qhub.service.core.Backoff;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.Sleeper;
import io.qhub.service.core.TransportRetryPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The transport retry, when the call's budget asks for it: runs the rest of the chain
 * again until an attempt succeeds, the failure is not {@linkplain FailureKind#TRANSIENT
 * transient} or not this operation's own, the attempts are used up, or no further attempt
 * fits before the call's deadline. An unsafe call (a {@code POST} with a side effect) is
 * retried only when the request certainly was not sent. The delay is the server's
 * {@code Retry-After} when it sent one, else the policy's one {@link Backoff}. Each retry
 * is logged at WARN with the operation, the reason and the delay; never with headers or
 * bodies. Runs inside {@link DeadlineStep} and outside {@link GateStep}, so a backoff
 * never holds a connection permit. Token requests use {@link #run} directly.
 */
final class RetryStep implements CallStep {

	private static final Log logger = LogFactory.getLog(RetryStep.class);

	/**
	 * A retry starts only if at least this much time would be left for it before the
	 * deadline.
	 */
	static final Duration MIN_ATTEMPT_TIME = Duration.ofMillis(100);

	private final TransportRetryPolicy policy;

	private final Backoff backoff;

	private final Sleeper sleeper;

	private final Clock clock;

	/**
	 * The retry of one transport.
	 * @param policy the attempts and the backoff
	 * @param sleeper waits between attempts
	 * @param clock reads the time left before the deadline
	 */
	RetryStep(TransportRetryPolicy policy, Sleeper sleeper, Clock clock) {
		this.policy = policy;
		this.backoff = policy.backoff();
		this.sleeper = sleeper;
		this.clock = clock;
	}

	@Override
	public Mono<Answer> process(CallContext context, Chain next) {
		if (!context.budget().transportRetry()) {
			return next.proceed(context);
		}
		return run(context.operation(), context.call().safe(), context.requireDeadline().at(),
				() -> next.proceed(context));
	}

	/**
	 * Runs attempts of a call by the retry rules.
	 * @param <T> the result type
	 * @param operation the operation, for the log and to tell its own failures
	 * @param safe whether sending the request twice is harmless
	 * @param deadline when the call must have ended
	 * @param attempt one attempt; it must fail with a {@link HubClientException}
	 * @return the result of the first successful attempt, or the last failure
	 */
	<T> Mono<T> run(String operation, boolean safe, Instant deadline, Supplier<Mono<T>> attempt) {
		return attempt(operation, safe, deadline, attempt, 1);
	}

	private <T> Mono<T> attempt(String operation, boolean safe, Instant deadline, Supplier<Mono<T>> attempt,
			int number) {
		return Mono.defer(attempt).onErrorResume((ex) -> {
			Duration delay = retryDelay(operation, ex, safe, deadline, number);
			if (delay == null) {
				return Mono.error(ex);
			}
			logger.warn("Retrying " + operation + " in " + delay.toMillis() + " ms (attempt " + (number + 1) + " of "
					+ this.policy.maxAttempts() + ") after: " + ex.getMessage());
			return this.sleeper.sleep(delay)
				.then(Mono.defer(() -> attempt(operation, safe, deadline, attempt, number + 1)));
		});
	}

	private @Nullable Duration retryDelay(String operation, Throwable ex, boolean safe, Instant deadline, int number) {
		if (number >= this.policy.maxAttempts() || !(ex instanceof HubClientException failure)
				|| failure.failureKind() != FailureKind.TRANSIENT || !operation.equals(operationOf(failure))) {
			return null;
		}
		boolean notSent = failure instanceof HubTransportException transport && !transport.requestMayHaveBeenSent();
		if (!safe && !notSent) {
			return null;
		}
		Duration hinted = (failure instanceof HubApiException api) ? api.retryAfter().orElse(null) : null;
		Duration delay = this.backoff.delay(number, hinted);
		Instant start = this.clock.instant().plus(delay);
		return (Duration.between(start, deadline).compareTo(MIN_ATTEMPT_TIME) < 0) ? null : delay;
	}

	/**
	 * The operation a failure belongs to: a call retries only its own failures, never
	 * those of a token request it waited for (the token request retried them already).
	 * @param failure a classified failure of a call or of a token request
	 * @return the operation it names, {@link TokenResponseReader#OPERATION} for a token
	 * failure, or {@code null} when it names none
	 */
	private static @Nullable String operationOf(HubClientException failure) {
		if (failure instanceof HubApiException api) {
			return api.operation();
		}
		if (failure instanceof HubTransportException transport) {
			return transport.operation();
		}
		return (failure instanceof HubTokenException) ? TokenResponseReader.OPERATION : null;
	}

}
