package io.qhub.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.PollingPolicy;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.test.GatewayOperation;
import io.qhub.test.LocalHubGateway;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scenario 7, polling cost: executions of 1 s, 10 s and 60 s (a few of each, all at once, one local gateway per
 * duration so each has its own counts) awaited under {@link PollingPolicy#DEFAULT}. Reports status calls per
 * execution and the detection delay: from the execution's end to the client seeing the final state. The end is
 * taken as the moment the start request was sent plus the duration, so the delay reported is an upper bound.
 */
public final class PollingCostScenario implements Scenario {

	@Override
	public int number() {
		return 7;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		List<Duration> durations = options.smoke()
				? List.of(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(600))
				: List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60));
		int each = options.smoke() ? 1 : 3;
		List<LocalHubGateway> gateways = new ArrayList<>();
		List<HubServiceClient> clients = new ArrayList<>();
		try {
			List<Mono<double[]>> waits = new ArrayList<>();
			for (Duration duration : durations) {
				LocalHubGateway gateway = Workload.gateway(duration);
				gateways.add(gateway);
				HubServiceClient client = Target.local(gateway, Workload.ACCESS_KEY_ID, Workload.SECRET_ACCESS_KEY)
					.clientBuilder()
					.polling(PollingPolicy.DEFAULT)
					.build();
				clients.add(client);
				client.checkCredentials();
				gateway.resetRecording();
				ReactiveHubServiceClient hub = client.reactive();
				waits.add(Flux.range(0, each).flatMap((i) -> Mono.defer(() -> {
					long sent = System.nanoTime();
					return hub.run(Map.of("i", i))
						.flatMap(hub::waitForFinalState)
						.map((last) -> (System.nanoTime() - sent - duration.toNanos()) / 1e9);
				})).collectList().map((delays) -> delays.stream().mapToDouble(Double::doubleValue).toArray()));
			}
			// all durations at once, results in order
			List<double[]> delays = Flux.mergeSequential(waits.stream().map(Mono::flux).toList())
				.collectList()
				.block(Duration.ofMinutes(5));
			List<ScenarioResult> rows = new ArrayList<>();
			for (int i = 0; i < durations.size(); i++) {
				Duration duration = durations.get(i);
				double[] delay = delays.get(i);
				long polls = gateways.get(i).callCount(GatewayOperation.GET_STATUS);
				double maxDelay = java.util.Arrays.stream(delay).max().orElse(0);
				ScenarioResult row = new ScenarioResult("7-polling-cost",
						"default polling, executions of " + seconds(duration) + " s")
					.put(ScenarioResult.N, each)
					.put("executionSeconds", duration.toMillis() / 1000.0)
					.put("statusCallsPerExecution", polls / (double) each)
					.put("scheduledPolls", scheduledPolls(PollingPolicy.DEFAULT, duration))
					.put("detectionDelaySecondsMedian", Measurements.median(delay))
					.put("detectionDelaySecondsMax", maxDelay)
					.put("maxIntervalSeconds", PollingPolicy.DEFAULT.maxInterval().toMillis() / 1000.0);
				Measurements.putCalls(row, gateways.get(i).callCounts(), each);
				row.put(ScenarioResult.TARGET, "report; detection delay <= maxInterval (5 s)")
					.put("targetMet", maxDelay <= PollingPolicy.DEFAULT.maxInterval().toMillis() / 1000.0);
				rows.add(row);
			}
			return rows;
		}
		finally {
			clients.forEach(HubServiceClient::close);
			gateways.forEach(LocalHubGateway::close);
		}
	}

	/**
	 * Status polls the policy makes for an execution of the given length started at the last known state.
	 * @param policy the policy
	 * @param duration the execution's length
	 * @return the number of polls until one comes at or after the end
	 */
	static int scheduledPolls(PollingPolicy policy, Duration duration) {
		Duration elapsed = Duration.ZERO;
		int poll = 0;
		while (elapsed.compareTo(duration) < 0) {
			poll++;
			elapsed = elapsed.plus(policy.delayBefore(poll));
		}
		return poll;
	}

	private static String seconds(Duration duration) {
		double seconds = duration.toMillis() / 1000.0;
		return (seconds == Math.rint(seconds)) ? String.valueOf((long) seconds) : String.valueOf(seconds);
	}

}
