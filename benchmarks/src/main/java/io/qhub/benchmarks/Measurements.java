package io.qhub.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import io.qhub.test.gateway.GatewayOperation;

/**
 * Helpers shared by the scenarios: medians, call counts per execution, heap peaks,
 * threads and descriptors.
 */
public final class Measurements {

	private static final double MIB = 1024.0 * 1024.0;

	private Measurements() {
	}

	/**
	 * The median of some runs by one value (the upper one of an even count).
	 * @param <T> the run type
	 * @param runs the runs, not empty
	 * @param key the value
	 * @return the median run
	 */
	public static <T> T median(List<T> runs, ToDoubleFunction<T> key) {
		List<T> sorted = new ArrayList<>(runs);
		sorted.sort(Comparator.comparingDouble(key));
		return sorted.get(sorted.size() / 2);
	}

	/**
	 * The median of some numbers.
	 * @param values the values, not empty
	 * @return the median
	 */
	public static double median(double... values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	/**
	 * Adds the call metrics of a run to a row: gateway calls by operation (tokens and
	 * grants apart), calls per execution, token and grant calls.
	 * @param row the row
	 * @param counts calls by operation
	 * @param executions executions the calls served
	 * @return the row
	 */
	public static ScenarioResult putCalls(ScenarioResult row, Map<GatewayOperation, Long> counts, long executions) {
		Map<String, Long> calls = new LinkedHashMap<>();
		long total = 0;
		for (Map.Entry<GatewayOperation, Long> entry : counts.entrySet()) {
			GatewayOperation operation = entry.getKey();
			if (entry.getValue() == 0 || operation == GatewayOperation.TOKEN
					|| operation == GatewayOperation.DATA_POOL_GRANT) {
				continue;
			}
			calls.put(operation.name(), entry.getValue());
			total += entry.getValue();
		}
		row.put(ScenarioResult.CALLS_PER_EXECUTION, (executions > 0) ? total / (double) executions : null);
		row.put(ScenarioResult.CALLS, calls);
		row.put(ScenarioResult.TOKEN_CALLS, counts.getOrDefault(GatewayOperation.TOKEN, 0L));
		row.put(ScenarioResult.GRANT_CALLS, counts.getOrDefault(GatewayOperation.DATA_POOL_GRANT, 0L));
		return row;
	}

	/** Resets the peak usage of every heap pool. */
	public static void resetPeakHeap() {
		heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	/**
	 * The sum of the heap pools' peak usage since the last reset, in MiB. An upper bound
	 * of the live heap at any one time, as the pools peak at different moments.
	 * @return the peak in MiB
	 */
	public static double peakHeapMiB() {
		return heapPools().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum() / MIB;
	}

	/**
	 * The JVM's maximum heap.
	 * @return the maximum in MiB
	 */
	public static double maxHeapMiB() {
		return Runtime.getRuntime().maxMemory() / MIB;
	}

	/**
	 * Live threads of this JVM.
	 * @return the count
	 */
	public static int threads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	/**
	 * Open file descriptors (sockets included) of this process, from
	 * {@code /proc/self/fd}.
	 * @return the count, or -1 where {@code /proc} is missing
	 */
	public static int openFileDescriptors() {
		Path fds = Path.of("/proc/self/fd");
		if (!Files.isDirectory(fds)) {
			return -1;
		}
		try (Stream<Path> list = Files.list(fds)) {
			return (int) list.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Seconds since a {@link System#nanoTime()} reading.
	 * @param started the reading
	 * @return the seconds
	 */
	public static double secondsSince(long started) {
		return (System.nanoTime() - started) / 1e9;
	}

	/**
	 * The live set now: the heap in use right after two full collections, in bytes.
	 * @return the bytes
	 */
	public static long liveHeapBytes() {
		System.gc();
		System.gc();
		return heapPools()
			.mapToLong((pool) -> (pool.getCollectionUsage() != null) ? pool.getCollectionUsage().getUsed() : 0)
			.sum();
	}

	private static Stream<MemoryPoolMXBean> heapPools() {
		return ManagementFactory.getMemoryPoolMXBeans().stream().filter((pool) -> pool.getType() == MemoryType.HEAP);
	}

}
