package io.qhub.service.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

import io.qhub.service.client.model.ServiceExecution;
import org.jspecify.annotations.Nullable;

/**
 * One state of an execution with its time: how long it has been under way and, from what
 * the client learned of the service's durations, how long it is expected to take in all.
 * What {@code watchProgress} emits, so an application can show progress.
 *
 * @param execution the state seen
 * @param at when it was seen (the client's clock)
 * @param elapsed how long the execution has been under way at {@code at}: since its
 * submission by this client, else since its {@code createdAt}; zero when neither is known
 * @param expected how long the execution is expected to take in all (from its submission
 * or creation), {@code null} when unknown: the client has seen no execution of the
 * service finish yet, or neither start instant is known
 */
public record ExecutionProgress(ServiceExecution execution, Instant at, Duration elapsed, @Nullable Duration expected) {

	/**
	 * When the execution is expected to be final: the instant it started being under way
	 * plus {@link #expected()}; for a final execution, its {@code endedAt} when reported.
	 * @return the instant, or empty when unknown
	 */
	public Optional<Instant> expectedEnd() {
		if (this.execution.status().isFinal()) {
			return Optional.ofNullable(this.execution.endedAt());
		}
		return (this.expected != null) ? Optional.of(this.at.minus(this.elapsed).plus(this.expected))
				: Optional.empty();
	}

	/**
	 * How long until the expected end, zero once it has passed (the execution is late).
	 * @return the time left, or empty when unknown
	 */
	public Optional<Duration> remaining() {
		if (this.execution.status().isFinal()) {
			return Optional.of(Duration.ZERO);
		}
		if (this.expected == null) {
			return Optional.empty();
		}
		Duration left = this.expected.minus(this.elapsed);
		return Optional.of(left.isNegative() ? Duration.ZERO : left);
	}

	/**
	 * The part done, from 0 to 1: elapsed over expected, at most 0.99 until the execution
	 * is final (an execution running late is not done), 1 once final.
	 * @return the fraction, or empty when unknown
	 */
	public OptionalDouble fraction() {
		if (this.execution.status().isFinal()) {
			return OptionalDouble.of(1.0);
		}
		if (this.expected == null || this.expected.isZero()) {
			return OptionalDouble.empty();
		}
		double done = (double) this.elapsed.toNanos() / this.expected.toNanos();
		return OptionalDouble.of(Math.min(done, 0.99));
	}

}
