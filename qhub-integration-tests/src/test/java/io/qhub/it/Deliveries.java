package io.qhub.it;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.qhub.tracking.HubExecutionFinished;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tracker's listener that counts the completions it is handed by idempotency key, so a
 * test can tell a completion delivered once from one delivered twice (by one instance or
 * by several sharing it). Waits are bounded by blocking-queue timeouts, never by sleeps.
 */
final class Deliveries implements Consumer<HubExecutionFinished> {

	private final Map<String, Integer> times = new ConcurrentHashMap<>();

	private final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();

	@Override
	public void accept(HubExecutionFinished finished) {
		this.times.merge(finished.idempotencyKey(), 1, Integer::sum);
		this.arrivals.add(finished.idempotencyKey());
	}

	/**
	 * Waits until completions of a number of distinct executions were delivered; the
	 * deliveries seen so far are then taken as waited for ({@link #next} waits for a
	 * later one).
	 * @param distinct how many executions
	 * @param timeout the longest wait
	 * @throws InterruptedException when interrupted
	 */
	void awaitDistinct(int distinct, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.times.size() < distinct) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || this.arrivals.poll(left, TimeUnit.NANOSECONDS) == null) {
				break;
			}
		}
		assertThat(this.times.size()).as("executions delivered within " + timeout.toMillis() + " ms")
			.isEqualTo(distinct);
		this.arrivals.clear();
	}

	/**
	 * Waits for one more delivery (a second one, in a quiet period).
	 * @param timeout the longest wait
	 * @return the key delivered, or {@code null} when none was within the timeout
	 * @throws InterruptedException when interrupted
	 */
	@Nullable String next(Duration timeout) throws InterruptedException {
		return this.arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * How many distinct executions had a completion delivered.
	 * @return the count
	 */
	int distinct() {
		return this.times.size();
	}

	/**
	 * Every delivery, first ones and repeats.
	 * @return the count
	 */
	int total() {
		return this.times.values().stream().mapToInt(Integer::intValue).sum();
	}

	/**
	 * The deliveries beyond the first of each execution.
	 * @return the count
	 */
	int duplicates() {
		return total() - distinct();
	}

	/**
	 * How many times each execution's completion was delivered.
	 * @return deliveries by idempotency key, in key order
	 */
	Map<String, Integer> byKey() {
		return new TreeMap<>(this.times);
	}

}
