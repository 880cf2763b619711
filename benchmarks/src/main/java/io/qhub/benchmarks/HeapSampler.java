package io.qhub.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Samples the heap every 20 ms on a daemon thread while a measurement runs: the highest
 * heap in use (live objects plus garbage not yet collected) and the highest heap still in
 * use right after a collection (the live set, what a smaller {@code -Xmx} would have to
 * hold).
 */
public final class HeapSampler implements AutoCloseable {

	private static final double MIB = 1024.0 * 1024.0;

	private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.toList();

	private final Thread thread;

	private volatile boolean running = true;

	private volatile long peakUsed;

	private volatile long peakAfterCollection;

	/** Starts sampling. */
	public HeapSampler() {
		this.thread = new Thread(this::sample, "heap-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void sample() {
		while (this.running) {
			long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			long afterCollection = 0;
			for (MemoryPoolMXBean pool : this.pools) {
				MemoryUsage usage = pool.getCollectionUsage();
				afterCollection += (usage != null) ? usage.getUsed() : 0;
			}
			this.peakUsed = Math.max(this.peakUsed, used);
			this.peakAfterCollection = Math.max(this.peakAfterCollection, afterCollection);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * The highest heap in use seen, in MiB.
	 * @return the peak
	 */
	public double peakUsedMiB() {
		return this.peakUsed / MIB;
	}

	/**
	 * The highest heap in use right after a collection seen, in MiB (0 when no collection
	 * ran).
	 * @return the peak live set
	 */
	public double peakAfterCollectionMiB() {
		return this.peakAfterCollection / MIB;
	}

	/** Stops sampling. */
	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
