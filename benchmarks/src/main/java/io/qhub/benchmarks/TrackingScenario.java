package io.qhub.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.tracking.HubExecutionTracker;
import reactor.core.publisher.Flux;

/**
 * Scenario 8, tracking: 10,000 executions of 20 s handed to one
 * {@link HubExecutionTracker} (in-memory store, default settings) in a child JVM limited
 * to {@code -Xmx64m}, the gateway in the harness's JVM. Reports the threads before and
 * while tracking, the live heap added per tracked execution (after full collections, 2 s
 * into tracking, polls in flight included), the status calls per execution (the gateway's
 * count), and the time from the first {@code track} to the last completion. Target: all
 * delivered, one thread for all, at most as many status calls as the doubling schedule
 * makes for a 20 s execution.
 */
public final class TrackingScenario implements Scenario {

	private static final Duration LENGTH = Duration.ofSeconds(20);

	@Override
	public int number() {
		return 8;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		int executions = options.smoke() ? 100 : 10_000;
		Duration length = options.smoke() ? Duration.ofSeconds(1) : LENGTH;
		if (options.external()) {
			return List.of(new ScenarioResult("8-tracking", "skipped").put("reason",
					"needs the local gateway's execution lengths"));
		}
		try (LocalHubGateway gateway = Workload.gateway(length)) {
			ScenarioResult row = ChildJvm.run(TrackingScenario.class, ScaleScenario.HEAP,
					List.of(gateway.serviceEndpoint(), gateway.tokenEndpoint(), Workload.ACCESS_KEY_ID,
							Workload.SECRET_ACCESS_KEY, String.valueOf(executions)));
			long polls = gateway.callCount(GatewayOperation.GET_STATUS);
			double perExecution = polls / (double) executions;
			int doubling = PollingCostScenario.scheduledPolls(io.qhub.service.core.PollingPolicy.DEFAULT, length);
			Object extraThreads = row.get("trackerThreads");
			row.put("statusCallsPerExecution", perExecution)
				.put("doublingSchedulePolls", doubling)
				.put("executionSeconds", length.toSeconds())
				.put(ScenarioResult.TARGET,
						"all delivered; 1 thread for all; status calls <= " + doubling + " (doubling schedule)")
				.put("targetMet", Boolean.TRUE.equals(row.get("allDelivered")) && extraThreads instanceof Number number
						&& number.intValue() <= 1 && perExecution <= doubling);
			return List.of(row);
		}
	}

	/**
	 * The child JVM: starts the executions, tracks them all, prints one JSON line.
	 * @param args service endpoint, token endpoint, key id, secret, executions
	 * @throws Exception when the run fails
	 */
	public static void main(String[] args) throws Exception {
		int executions = Integer.parseInt(args[4]);
		Target target = Target.remote(args[0], args[1], args[2], args[3]);
		try (HubServiceClient client = target.clientBuilder().build()) {
			ReactiveHubServiceClient hub = client.reactive();
			hub.checkCredentials().block();
			CountDownLatch delivered = new CountDownLatch(executions);
			try (HubExecutionTracker tracker = HubExecutionTracker.builder()
				.client("default", hub)
				.listener((event) -> delivered.countDown())
				.build()) {
				List<String> ids = Objects.requireNonNull(Flux.range(0, executions)
					.flatMap((i) -> hub.run(Map.of("i", i)), 256)
					.map(ReactiveHubServiceExecution::id)
					.collectList()
					.block(), "collectList always emits");
				long before = Measurements.liveHeapBytes();
				int threadsBefore = Measurements.threads();
				long started = System.nanoTime();
				ids.forEach((id) -> tracker.track("default", id));
				delivered.await(2, TimeUnit.SECONDS);
				long during = Measurements.liveHeapBytes();
				int threadsDuring = Measurements.threads();
				boolean all = delivered.await(10, TimeUnit.MINUTES);
				ScenarioResult row = new ScenarioResult("8-tracking",
						"10,000 tracked executions of 20 s, in-memory store, -Xmx" + ScaleScenario.HEAP)
					.put(ScenarioResult.N, executions)
					.put(ScenarioResult.WALL_SECONDS, Measurements.secondsSince(started))
					.put("allDelivered", all)
					.put("threadsBefore", threadsBefore)
					.put("threadsWhileTracking", threadsDuring)
					.put("trackerThreads", threadsDuring - threadsBefore)
					.put("liveBytesPerTrackedExecution", (during - before) / executions)
					.put(ScenarioResult.MAX_HEAP_MIB, Measurements.maxHeapMiB());
				System.out.println(row.toJson());
			}
		}
		System.exit(0);
	}

}
