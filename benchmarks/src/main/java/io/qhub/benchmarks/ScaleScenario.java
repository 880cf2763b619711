package io.qhub.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.core.PollingPolicy;
import io.qhub.test.gateway.LocalHubGateway;
import reactor.core.publisher.Flux;

/**
 * Scenario 2, scale: 10,000 executions of 200 ms through the whole pipeline with the
 * reactive client, all in flight, in a child JVM limited to {@code -Xmx64m}. The gateways
 * run in the harness's JVM, so the child's heap holds the client only: one gateway for
 * the child's warm-up, another for the measured run, whose own call counts are reported.
 * Reports the peak heap and whether threads or file descriptors (sockets) outlive the
 * client. Then the live set per waiting execution: 10,000 executions of a third gateway
 * that keeps them running for minutes are started and awaited (first poll after minutes,
 * so every one is between two polls); once all wait, the heap after full collections
 * minus the heap before, per execution.
 */
public final class ScaleScenario implements Scenario {

	/**
	 * Process-wide pools that Reactor and Reactor Netty start lazily and keep (shared by
	 * every client, bounded by the core count, or idle-evicted after 60 s): threads in
	 * them are not a client's leak.
	 */
	private static final java.util.Set<String> SHARED_POOLS = java.util.Set.of("reactor-http-epoll", "reactor-http-nio",
			"parallel", "boundedElastic", "boundedElastic-evictor");

	/** The child JVM's heap limit. */
	static final String HEAP = "64m";

	@Override
	public int number() {
		return 2;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		int executions = options.smoke() ? 100 : 10_000;
		int warmup = options.smoke() ? 10 : 500;
		Duration duration = Duration.ofMillis(200);
		if (options.external()) {
			String token = ChildJvm.orDash(options.tokenEndpoint());
			ScenarioResult row = ChildJvm.run(ScaleScenario.class, HEAP,
					List.of(options.gateway(), token, options.gateway(), token, ChildJvm.orDash(options.accessKeyId()),
							ChildJvm.orDash(options.secretAccessKey()), String.valueOf(executions),
							String.valueOf(warmup), String.valueOf(!options.smoke()), "-", "-"));
			return List.of(annotate(row));
		}
		try (LocalHubGateway warm = Workload.gateway(duration);
				LocalHubGateway measured = Workload.gateway(duration);
				LocalHubGateway hold = Workload.gateway(Duration.ofMinutes(10))) {
			ScenarioResult row = ChildJvm.run(ScaleScenario.class, HEAP,
					List.of(warm.serviceEndpoint(), warm.tokenEndpoint(), measured.serviceEndpoint(),
							measured.tokenEndpoint(), Workload.ACCESS_KEY_ID, Workload.SECRET_ACCESS_KEY,
							String.valueOf(executions), String.valueOf(warmup), String.valueOf(!options.smoke()),
							hold.serviceEndpoint(), hold.tokenEndpoint()));
			Measurements.putCalls(row, measured.callCounts(), executions);
			row.put("callsCountedBy", "gateway");
			return List.of(annotate(row));
		}
	}

	private static java.util.Set<Long> threadIds() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getId)
			.collect(java.util.stream.Collectors.toSet());
	}

	/**
	 * Threads started since, counted by name without its trailing number.
	 * @param before the ids of the threads that were alive before
	 * @return the number of new threads per name, by name
	 */
	private static java.util.Map<String, Long> newThreads(java.util.Set<Long> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread.getId()))
			.collect(java.util.stream.Collectors.groupingBy((thread) -> thread.getName().replaceAll("-\\d+$", ""),
					java.util.TreeMap::new, java.util.stream.Collectors.counting()));
	}

	private static ScenarioResult annotate(ScenarioResult row) {
		Object perExecution = row.get(ScenarioResult.CALLS_PER_EXECUTION);
		boolean fewCalls = perExecution == null || ((Number) perExecution).doubleValue() <= 5.0;
		boolean leak = Boolean.TRUE.equals(row.get("leak"));
		Object perWaiting = row.get("liveBytesPerWaitingExecution");
		boolean small = perWaiting == null || ((Number) perWaiting).doubleValue() <= 2048;
		row.put(ScenarioResult.TARGET, "completes at -Xmx" + HEAP + "; <= 5 calls/execution; no thread or socket "
				+ "leak; <= 2 KiB live per waiting execution");
		// smoke runs do not wait for idle pools, so their thread check is only indicative
		row.put("targetMet", Boolean.TRUE.equals(row.get("completed")) && fewCalls && !leak && small);
		return row;
	}

	/**
	 * The child JVM: warm-up against the first gateway, then the measured run against the
	 * second; prints one JSON line.
	 * @param args warm-up service and token endpoints, measured service and token
	 * endpoints, key id, secret ({@code -} for none), executions, warm-up executions,
	 * whether to wait 65 s for idle threads to go, the service and token endpoints of the
	 * gateway that keeps executions running ({@code -} to skip that measurement)
	 * @throws Exception when the run fails
	 */
	public static void main(String[] args) throws Exception {
		int executions = Integer.parseInt(args[6]);
		int warmup = Integer.parseInt(args[7]);
		boolean settle = Boolean.parseBoolean(args[8]);
		String id = ChildJvm.orNull(args[4]);
		String secret = ChildJvm.orNull(args[5]);
		Path directory = Workload.temporaryDirectory("qhub-bench-scale");
		try {
			Target warm = Target.remote(args[0], ChildJvm.orNull(args[1]), id, secret);
			try (HubServiceClient client = warm.clientBuilder().build()) {
				ReactiveHubServiceClient hub = client.reactive();
				Flux.range(0, warmup).flatMap((i) -> Workload.reactive(hub, i, directory, false), warmup).blockLast();
			}
			System.gc();
			Thread.sleep(500);
			int threadsBefore = Measurements.threads();
			java.util.Set<Long> threadIdsBefore = threadIds();
			int descriptorsBefore = Measurements.openFileDescriptors();
			Target measured = Target.remote(args[2], ChildJvm.orNull(args[3]), id, secret);
			Measurements.resetPeakHeap();
			HeapSampler heap = new HeapSampler();
			HubServiceClient client = measured.clientBuilder().build();
			ReactiveHubServiceClient hub = client.reactive();
			long started = System.nanoTime();
			Flux.range(0, executions)
				.flatMap((i) -> Workload.reactive(hub, i, directory, false), executions)
				.blockLast(Duration.ofMinutes(20));
			double seconds = Measurements.secondsSince(started);
			heap.close();
			int threadsAtEnd = Measurements.threads();
			int descriptorsAtEnd = Measurements.openFileDescriptors();
			client.close();
			long closedAt = System.nanoTime();
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (Measurements.openFileDescriptors() > descriptorsBefore && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			int threadsAfter = Measurements.threads();
			java.util.Map<String, Long> newThreads = newThreads(threadIdsBefore);
			// idle pools (Reactor's boundedElastic, the JDK's default executor of
			// AsynchronousFileChannel) let
			// their threads go after 60 s: look again after that, so only threads that
			// stay count as a leak
			if (settle) {
				Thread
					.sleep(Math.max(0, Duration.ofSeconds(65).toMillis() - (System.nanoTime() - closedAt) / 1_000_000));
			}
			int threadsSettled = Measurements.threads();
			java.util.Map<String, Long> remaining = newThreads(threadIdsBefore);
			long ownThreads = remaining.entrySet()
				.stream()
				.filter((entry) -> !SHARED_POOLS.contains(entry.getKey()))
				.mapToLong(java.util.Map.Entry::getValue)
				.sum();
			int descriptorsAfter = Measurements.openFileDescriptors();
			Long perWaiting = args[9].equals("-") ? null
					: waitingLiveSet(Target.remote(args[9], ChildJvm.orNull(args[10]), id, secret), executions);
			ScenarioResult row = new ScenarioResult("2-scale", "reactive, all in flight, -Xmx" + HEAP)
				.put(ScenarioResult.N, executions)
				.put(ScenarioResult.WALL_SECONDS, seconds)
				.put(ScenarioResult.EXECUTIONS_PER_SECOND, executions / seconds)
				.put("completed", true);
			Measurements.putCalls(row, measured.counts(), executions);
			row.put("callsCountedBy", "client")
				.put(ScenarioResult.PEAK_HEAP_MIB, heap.peakUsedMiB())
				.put("peakHeapAfterGcMiB", heap.peakAfterCollectionMiB())
				.put(ScenarioResult.MAX_HEAP_MIB, Measurements.maxHeapMiB())
				.put("threadsBefore", threadsBefore)
				.put("threadsAtEnd", threadsAtEnd)
				.put("threadsAfterClose", threadsAfter)
				.put("fdsBefore", descriptorsBefore)
				.put("fdsAtEnd", descriptorsAtEnd)
				.put("fdsAfterClose", descriptorsAfter)
				.put("newThreadsAfterClose", newThreads)
				.put("threadsAfter65s", settle ? threadsSettled : null)
				.put("newThreadsAfter65s", settle ? remaining : null)
				.put("leak", ownThreads > 0 || descriptorsAfter > descriptorsBefore)
				.put("liveBytesPerWaitingExecution", perWaiting);
			System.out.println(row.toJson());
		}
		finally {
			Workload.delete(directory);
		}
		System.exit(0);
	}

	/**
	 * Starts executions that keep running and awaits them all; once every one waits, the
	 * live heap added per execution.
	 * @param hold a gateway whose executions keep running for the whole measurement
	 * @param executions how many executions to start
	 * @return the live heap added per waiting execution, in bytes
	 * @throws InterruptedException if interrupted while waiting for the executions to
	 * start
	 */
	private static long waitingLiveSet(Target hold, int executions) throws InterruptedException {
		// no poll falls into the measurement: each execution waits for its first one
		PollingPolicy patient = new PollingPolicy(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10));
		try (HubServiceClient client = hold.clientBuilder().polling(patient).build()) {
			ReactiveHubServiceClient hub = client.reactive();
			hub.checkCredentials().block();
			long before = Measurements.liveHeapBytes();
			java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
			reactor.core.Disposable all = Flux.range(0, executions)
				.flatMap((i) -> hub.run(Map.of("i", i))
					.doOnNext((execution) -> waiting.incrementAndGet())
					.flatMap(ReactiveHubServiceExecution::waitForFinalState), executions)
				.subscribe();
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (waiting.get() < executions && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			long during = Measurements.liveHeapBytes();
			all.dispose();
			return (during - before) / executions;
		}
	}

}
