package io.qhub.benchmarks;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that a scenario cannot be told about, checking it every 20 ms.
 */
final class Waiting {

	private Waiting() {
	}

	/**
	 * Waits until a condition holds.
	 * @param condition the condition
	 * @param timeout the longest wait
	 * @return whether it held within the timeout
	 * @throws InterruptedException when interrupted
	 */
	static boolean until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

}
