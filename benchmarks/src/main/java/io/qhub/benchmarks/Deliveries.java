package io.qhub.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.qhub.tracking.HubExecutionFinished;

/**
 * A tracker's listener that counts deliveries by
 * {@link HubExecutionFinished#idempotencyKey()}: how many, how many distinct, how many
 * twice, and when the last one came. Thread-safe.
 */
public final class Deliveries implements Consumer<HubExecutionFinished> {

	private final Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();

	private final AtomicLong total = new AtomicLong();

	private volatile long lastEpochMillis;

	@Override
	public void accept(HubExecutionFinished finished) {
		this.byKey.computeIfAbsent(finished.idempotencyKey(), (key) -> new AtomicInteger()).incrementAndGet();
		this.total.incrementAndGet();
		this.lastEpochMillis = System.currentTimeMillis();
	}

	/**
	 * Every delivery so far, the repeated ones included.
	 * @return the count
	 */
	public long total() {
		return this.total.get();
	}

	/**
	 * The executions delivered so far.
	 * @return the distinct keys
	 */
	public int distinct() {
		return this.byKey.size();
	}

	/**
	 * The keys delivered so far, each as often as it was delivered.
	 * @return the keys
	 */
	public List<String> keys() {
		List<String> keys = new ArrayList<>();
		this.byKey.forEach((key, count) -> {
			for (int i = 0; i < count.get(); i++) {
				keys.add(key);
			}
		});
		return keys;
	}

	/**
	 * When the last delivery came.
	 * @return epoch milliseconds, 0 before the first
	 */
	public long lastEpochMillis() {
		return this.lastEpochMillis;
	}

	/**
	 * Waits until a number of executions were delivered.
	 * @param executions the distinct executions to wait for
	 * @param timeout the longest wait
	 * @return whether they were
	 * @throws InterruptedException when interrupted
	 */
	public boolean await(int executions, Duration timeout) throws InterruptedException {
		return Waiting.until(() -> distinct() >= executions, timeout);
	}

}
