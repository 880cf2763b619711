package io.qhub.service.core;

import java.time.Duration;

/**
 * How {@code result()} retries the result fetch after the execution is final: up to
 * {@code maxAttempts} attempts, waiting {@code initialBackoff × multiplierⁿ} (capped at
 * {@code maxBackoff}) between them; with the defaults 4 attempts and waits of 1 s, 2 s
 * and 4 s (the official SDK's 1, 2, 4, 8 s schedule, without its pointless last wait
 * before giving up). Only failures that can succeed later are retried: I/O errors, 404
 * (the result not yet published) and 5xx; never 401, 403 or other client errors.
 *
 * @param maxAttempts attempts in total, including the first
 * @param initialBackoff wait after the first failure
 * @param multiplier factor applied to each further wait
 * @param maxBackoff upper bound of one wait
 */
public record ResultRetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

	/** 4 attempts, 1 s doubling, capped at 8 s. */
	public static final ResultRetryPolicy DEFAULT = new ResultRetryPolicy(4, Duration.ofSeconds(1), 2.0,
			Duration.ofSeconds(8));

	/** Validates the values. */
	public ResultRetryPolicy {
		if (maxAttempts < 1) {
			throw new InvalidSettingException("maxAttempts", "must be at least 1", maxAttempts);
		}
		Settings.requireNotNegative(initialBackoff, "initialBackoff");
		Settings.requireNotNegative(maxBackoff, "maxBackoff");
		if (!(multiplier >= 1)) {
			throw new InvalidSettingException("multiplier", "must be at least 1", multiplier);
		}
	}

	/**
	 * The backoff between attempts: {@code initialBackoff × multiplierⁿ}, capped at
	 * {@code maxBackoff}, no jitter.
	 * @return the backoff
	 */
	public Backoff backoff() {
		return new Backoff(this.initialBackoff, this.multiplier, this.maxBackoff, 0);
	}

}
