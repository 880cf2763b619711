package io.qhub.service.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the transport retries a call that failed in a way that can succeed later. Reads ({@code GET}) and cancel
 * ({@code PUT}) are retried on connection errors, timeouts and HTTP 429, 502, 503, 504; starting an execution
 * ({@code POST}) is retried only when the connection was refused or could not be opened, so a request that may
 * have reached the gateway is never sent twice. The delay before attempt {@code n + 1} is the server's
 * {@code Retry-After} when present (capped at {@code maxBackoff}), else {@code initialBackoff × 2ⁿ⁻¹} capped at
 * {@code maxBackoff}, with ±{@code jitter} spread. No retry starts past {@code maxElapsed} after the first attempt.
 *
 * @param maxAttempts attempts in total, including the first (1 disables retries)
 * @param initialBackoff delay before the second attempt
 * @param maxBackoff upper bound of one delay, also for {@code Retry-After}
 * @param maxElapsed no further attempt starts once this much time has passed since the first
 * @param jitter relative spread applied to computed delays, between 0 and 1
 */
public record TransportRetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff,
		Duration maxElapsed, double jitter) {

	/** 4 attempts, 500 ms doubling to 8 s, at most 30 s in all, ±20 % jitter. */
	public static final TransportRetryPolicy DEFAULT = new TransportRetryPolicy(4, Duration.ofMillis(500),
			Duration.ofSeconds(8), Duration.ofSeconds(30), 0.2);

	/** No retries. */
	public static final TransportRetryPolicy NONE = new TransportRetryPolicy(1, Duration.ZERO, Duration.ZERO,
			Duration.ZERO, 0);

	/** Validates the values. */
	public TransportRetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		requireNonNegative("initialBackoff", initialBackoff);
		requireNonNegative("maxBackoff", maxBackoff);
		requireNonNegative("maxElapsed", maxElapsed);
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
		}
	}

	/**
	 * The computed delay before the given retry (1 = first retry), without jitter.
	 * @param retry the retry number, starting at 1
	 * @return the delay
	 */
	public Duration backoff(int retry) {
		long factor = 1L << Math.min(retry - 1, 30);
		Duration delay = this.initialBackoff.multipliedBy(factor);
		return (delay.compareTo(this.maxBackoff) > 0 || delay.isNegative()) ? this.maxBackoff : delay;
	}

	private static void requireNonNegative(String name, Duration value) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
	}

}
