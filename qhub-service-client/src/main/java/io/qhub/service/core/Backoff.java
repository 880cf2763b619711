package io.qhub.service.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The one backoff of the client: the delay before retry {@code n} is
 * {@code initial × multiplierⁿ⁻¹}, capped at {@code max}, spread by ±{@code jitter}; a
 * server's {@code Retry-After} comes first, capped at {@code max}. The transport retry
 * ({@link TransportRetryPolicy#backoff()}), the result retry
 * ({@link ResultRetryPolicy#backoff()}), the doubling polling schedule
 * ({@link PollingPolicy#backoff()}) and the execution tracker all take their delays from
 * one.
 *
 * @param initial delay before the first retry
 * @param multiplier factor applied to each further delay, at least 1
 * @param max upper bound of one delay, also for {@code Retry-After}
 * @param jitter relative spread applied to computed delays, between 0 and 1
 */
public record Backoff(Duration initial, double multiplier, Duration max, double jitter) {

	/** Validates the values. */
	public Backoff {
		Settings.requireNotNegative(initial, "initial");
		Settings.requireNotNegative(max, "max");
		if (!(multiplier >= 1)) {
			throw new InvalidSettingException("multiplier", "must be at least 1", multiplier);
		}
		if (!(jitter >= 0 && jitter <= 1)) {
			throw new InvalidSettingException("jitter", "must be between 0 and 1", jitter);
		}
	}

	/**
	 * The delay before the given retry, with jitter.
	 * @param retry the retry number, starting at 1
	 * @return the delay
	 */
	public Duration delay(int retry) {
		Duration computed = computed(retry);
		if (this.jitter == 0 || computed.isZero()) {
			return computed;
		}
		double factor = 1 - this.jitter + 2 * this.jitter * ThreadLocalRandom.current().nextDouble();
		return Duration.ofNanos((long) (computed.toNanos() * factor));
	}

	/**
	 * The delay before the given retry: the server's hint when it sent one, capped at
	 * {@code max}, else {@link #delay(int)}.
	 * @param retry the retry number, starting at 1
	 * @param retryAfter the server's {@code Retry-After}, or {@code null}
	 * @return the delay
	 */
	public Duration delay(int retry, @Nullable Duration retryAfter) {
		if (retryAfter != null) {
			return (retryAfter.compareTo(this.max) > 0) ? this.max : retryAfter;
		}
		return delay(retry);
	}

	/**
	 * The delay before the given retry without jitter: {@code initial × multiplierⁿ⁻¹},
	 * capped at {@code max}.
	 * @param retry the retry number, starting at 1
	 * @return the delay
	 */
	public Duration computed(int retry) {
		double factor = Math.pow(this.multiplier, Math.max(0, retry - 1));
		double nanos = this.initial.toNanos() * factor;
		if (Double.isInfinite(nanos) || nanos >= this.max.toNanos()) {
			return this.max;
		}
		return Duration.ofNanos((long) nanos);
	}

}
