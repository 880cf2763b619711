package io.qhub.service.core;

import java.time.Duration;

/**
 * How {@code waitForFinalState} and {@code watch} poll an execution's status.
 *
 * <p>
 * <b>Learned schedule</b> ({@code learning}, on by default). For an execution the client
 * started itself, the schedule comes from what it has seen of the same service's
 * executions: how long after their submission a poll still saw one running (the latest of
 * the last 8 such polls) and how long after a poll saw one final (the earliest of the
 * last 8). While the two are apart, the first poll goes halfway between them and, if the
 * execution is still running, the next ones halfway to the earliest "final", so the
 * estimate closes in on the end with every execution; once they are within 2 % (at least
 * 5 ms), the first poll goes at the earliest "final", and after 8 executions in a row
 * seen final by it, one is polled a little earlier, to notice executions getting shorter.
 * An execution still running then is polled in steps of a twentieth of that time (at
 * least twice the tolerance), growing. A batch of similar executions is so seen final
 * shortly after each ends, with about one poll each; an execution that contradicts what
 * was seen (the service got faster or slower) replaces the history. DEBUG logging of
 * {@code io.qhub.service.client.internal.ExecutionPoller} shows each schedule and what
 * was learned.
 *
 * <p>
 * <b>Doubling schedule</b>, for a service's first executions, executions the client did
 * not start, and with {@code learning} off: the first poll comes {@code initialInterval}
 * after the last known state, and each further delay doubles up to {@code maxInterval}:
 * with the defaults 0.5 s, 1 s, 2 s, 4 s, then every 5 s.
 *
 * <p>
 * Either way no delay exceeds {@code maxInterval}, so an execution is seen final at most
 * {@code maxInterval} after it ends; a {@code Retry-After} sent with a transient error is
 * honoured first (capped at {@code maxInterval}); waiting never lasts longer than
 * {@code timeout}, and the last poll is made at the deadline.
 *
 * @param initialInterval delay before the first poll of the doubling schedule
 * @param maxInterval upper bound of one delay (the official SDK's {@code wait})
 * @param timeout longest wait when the caller gives none
 * @param learning whether the schedule learns from the service's earlier executions
 */
public record PollingPolicy(Duration initialInterval, Duration maxInterval, Duration timeout, boolean learning) {

	/** Learned, else 500 ms doubling to 5 s; at most 30 minutes. */
	public static final PollingPolicy DEFAULT = new PollingPolicy(Duration.ofMillis(500), Duration.ofSeconds(5),
			Duration.ofMinutes(30));

	/** Validates the values. */
	public PollingPolicy {
		Settings.requirePositive(initialInterval, "initialInterval");
		Settings.requirePositive(maxInterval, "maxInterval");
		Settings.requirePositive(timeout, "timeout");
		if (initialInterval.compareTo(maxInterval) > 0) {
			initialInterval = maxInterval;
		}
	}

	/**
	 * A learning policy.
	 * @param initialInterval delay before the first poll of the doubling schedule
	 * @param maxInterval upper bound of one delay
	 * @param timeout longest wait when the caller gives none
	 */
	public PollingPolicy(Duration initialInterval, Duration maxInterval, Duration timeout) {
		this(initialInterval, maxInterval, timeout, true);
	}

	/**
	 * A copy with another cap for one delay.
	 * @param maxInterval the cap
	 * @return the new policy
	 */
	public PollingPolicy withMaxInterval(Duration maxInterval) {
		return new PollingPolicy(this.initialInterval, maxInterval, this.timeout, this.learning);
	}

	/**
	 * A copy with another overall timeout.
	 * @param timeout the timeout
	 * @return the new policy
	 */
	public PollingPolicy withTimeout(Duration timeout) {
		return new PollingPolicy(this.initialInterval, this.maxInterval, timeout, this.learning);
	}

	/**
	 * A copy that learns from the service's executions, or keeps to the doubling
	 * schedule.
	 * @param learning whether to learn
	 * @return the new policy
	 */
	public PollingPolicy withLearning(boolean learning) {
		return new PollingPolicy(this.initialInterval, this.maxInterval, this.timeout, learning);
	}

	/**
	 * The delay before the given poll of the doubling schedule (1 = first poll after the
	 * last known state).
	 * @param poll the poll number
	 * @return the delay
	 */
	public Duration delayBefore(int poll) {
		return backoff().computed(poll);
	}

	/**
	 * The doubling schedule as a backoff: {@code initialInterval}, doubling, capped at
	 * {@code maxInterval}.
	 * @return the backoff
	 */
	public Backoff backoff() {
		return new Backoff(this.initialInterval, 2, this.maxInterval, 0);
	}

}
