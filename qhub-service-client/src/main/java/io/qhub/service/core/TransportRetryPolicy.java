package io.qhub.service.core;

import java.time.Duration;

/**
 * How the transport retries a call that failed {@linkplain FailureKind#TRANSIENT
 * transiently} (a connection error, a timeout, a cut answer, HTTP 408, 429, 5xx). Safe
 * calls are retried: reads ({@code GET}), cancel ({@code PUT}) and token requests;
 * starting an execution ({@code POST}) and requesting a grant only when the connection
 * could not be opened, so a request that may have reached the server is never sent twice.
 * The delay before attempt {@code n + 1} is the server's {@code Retry-After} when present
 * (capped at {@code maxBackoff}), else {@code initialBackoff × 2ⁿ⁻¹} capped at
 * {@code maxBackoff}, with ±{@code jitter} spread. All attempts together stay within the
 * call's {@code callTimeout}: no retry starts that could not finish before it. Calls made
 * by a wait or by the result retry are not retried here: those retry on their own
 * schedule, so retries never stack.
 *
 * @param maxAttempts attempts in total, including the first (1 disables retries)
 * @param initialBackoff delay before the second attempt
 * @param maxBackoff upper bound of one delay, also for {@code Retry-After}
 * @param jitter relative spread applied to computed delays, between 0 and 1
 */
public record TransportRetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

	/** 4 attempts, 500 ms doubling to 8 s, ±20 % jitter. */
	public static final TransportRetryPolicy DEFAULT = new TransportRetryPolicy(4, Duration.ofMillis(500),
			Duration.ofSeconds(8), 0.2);

	/** No retries. */
	public static final TransportRetryPolicy NONE = new TransportRetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);

	/** Validates the values. */
	public TransportRetryPolicy {
		if (maxAttempts < 1) {
			throw new InvalidSettingException("maxAttempts", "must be at least 1", maxAttempts);
		}
		Settings.requireNotNegative(initialBackoff, "initialBackoff");
		Settings.requireNotNegative(maxBackoff, "maxBackoff");
		if (!(jitter >= 0 && jitter <= 1)) {
			throw new InvalidSettingException("jitter", "must be between 0 and 1", jitter);
		}
	}

	/**
	 * The backoff between attempts: {@code initialBackoff}, doubling, capped at
	 * {@code maxBackoff}, with the jitter.
	 * @return the backoff
	 */
	public Backoff backoff() {
		return new Backoff(this.initialBackoff, 2, this.maxBackoff, this.jitter);
	}

}
