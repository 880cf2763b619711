package io.qhub.service.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import io.qhub.service.core.FailureKind;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * When a call must have ended, and why: its call timeout, or the deadline of the wait it
 * is part of, whichever comes first. {@link #bound(Mono, String, String)} cuts a call
 * there with a {@code HubTransportException} that says which limit it was.
 *
 * @param at the instant, on the client's clock
 * @param reason the limit in words, e.g. {@code "5s (callTimeout)"}
 * @param clock the client's clock
 */
record Deadline(Instant at, String reason, Clock clock) {

	/**
	 * The deadline of a call starting now.
	 * @param clock the client's clock
	 * @param callTimeout the call timeout
	 * @param waitDeadline the deadline of the enclosing wait, if any
	 * @return the earlier of the two
	 */
	static Deadline of(Clock clock, Duration callTimeout, @Nullable Instant waitDeadline) {
		Instant byTimeout = clock.instant().plus(callTimeout);
		if (waitDeadline != null && waitDeadline.isBefore(byTimeout)) {
			return new Deadline(waitDeadline, "the deadline of its wait", clock);
		}
		return new Deadline(byTimeout, Failures.duration(callTimeout) + " (callTimeout)", clock);
	}

	/**
	 * The deadline of a call starting now that must also end within a limit of its
	 * caller's.
	 * @param clock the client's clock
	 * @param callTimeout the call timeout
	 * @param limit the caller's limit
	 * @param limitName what the limit is called, e.g. {@code "probe timeout"}
	 * @return the earlier of the two
	 */
	static Deadline within(Clock clock, Duration callTimeout, Duration limit, String limitName) {
		return (limit.compareTo(callTimeout) < 0)
				? new Deadline(clock.instant().plus(limit), Failures.duration(limit) + " (" + limitName + ")", clock)
				: of(clock, callTimeout, null);
	}

	/**
	 * Time left until the deadline.
	 * @return the time, zero when passed
	 */
	Duration remaining() {
		Duration remaining = Duration.between(this.clock.instant(), this.at);
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	/**
	 * The call, cut at the deadline.
	 * @param <T> the result type
	 * @param call the call
	 * @param operation the operation, for the error
	 * @param target where the call goes, for the error
	 * @return the bounded call
	 */
	<T> Mono<T> bound(Mono<T> call, String operation, String target) {
		return Mono.defer(() -> {
			Duration remaining = remaining();
			Mono<T> timedOut = Mono.error(() -> Failures.transport(operation,
					operation + " to " + target + " did not complete within " + this.reason,
					new TimeoutException(this.reason), FailureKind.TRANSIENT, true));
			return remaining.isZero() ? timedOut : call.timeout(remaining, timedOut);
		});
	}

}
