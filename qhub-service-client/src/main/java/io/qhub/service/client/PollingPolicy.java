package io.qhub.service.client;

import java.time.Duration;

/**
 * How {@code waitForFinalState} and {@code watch} poll an execution's status. The first poll comes
 * {@code initialInterval} after the last known state, and each further delay doubles up to {@code maxInterval}:
 * with the defaults 0.5 s, 1 s, 2 s, 4 s, then every 5 s. A {@code Retry-After} sent with a transient error is
 * honoured instead (capped at {@code maxInterval}). So an execution is seen final at most {@code maxInterval}
 * after it ends, short ones within a second, and long ones cost one call per {@code maxInterval}. Waiting never
 * lasts longer than {@code timeout}; the last poll is made at the deadline.
 *
 * @param initialInterval delay before the first poll
 * @param maxInterval upper bound of one delay (the official SDK's {@code wait})
 * @param timeout longest wait when the caller gives none
 */
public record PollingPolicy(Duration initialInterval, Duration maxInterval, Duration timeout) {

	/** 500 ms doubling to 5 s, at most 30 minutes. */
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
	 * A copy with another cap for one delay.
	 * @param maxInterval the cap
	 * @return the new policy
	 */
	public PollingPolicy withMaxInterval(Duration maxInterval) {
		return new PollingPolicy(this.initialInterval, maxInterval, this.timeout);
	}

	/**
	 * A copy with another overall timeout.
	 * @param timeout the timeout
	 * @return the new policy
	 */
	public PollingPolicy withTimeout(Duration timeout) {
		return new PollingPolicy(this.initialInterval, this.maxInterval, timeout);
	}

	/**
	 * The delay before the given poll (1 = first poll after the last known state).
	 * @param poll the poll number
	 * @return the delay
	 */
	public Duration delayBefore(int poll) {
		Duration delay = this.initialInterval.multipliedBy(1L << Math.min(poll - 1, 30));
		return (delay.compareTo(this.maxInterval) > 0) ? this.maxInterval : delay;
	}

}
