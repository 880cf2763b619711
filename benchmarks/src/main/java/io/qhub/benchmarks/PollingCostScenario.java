package io.qhub.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.core.PollingPolicy;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scenario 7, learned polling: executions of 1 s, 10 s and 60 s (one local gateway and
 * one client per length, all lengths at once) under {@link PollingPolicy#DEFAULT}. Each
 * client first runs a few executions of its length, one after the other (what it learns
 * from), then the measured ones, one after the other. Reports status calls per measured
 * execution beside the doubling schedule's count for that length, and the detection
 * delay: from the execution's end to the client seeing the final state, the end taken as
 * the moment the start request was sent plus the length (so the delay reported is an
 * upper bound). Target: delay at most a tenth of the length (or 0.3 s), with no more
 * status calls than the doubling schedule makes.
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
		int learning = options.smoke() ? 1 : 3;
		int measured = options.smoke() ? 1 : 3;
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
				ReactiveHubServiceClient hub = client.reactive();
				Mono<Void> learn = Flux.range(0, learning).concatMap((i) -> delay(hub, duration, i)).then();
				Mono<double[]> measure = Mono.fromRunnable(gateway::resetRecording)
					.thenMany(Flux.range(0, measured).concatMap((i) -> delay(hub, duration, i)))
					.collectList()
					.map((delays) -> delays.stream().mapToDouble(Double::doubleValue).toArray());
				waits.add(learn.then(measure));
			}
			// all lengths at once, results in order
			List<double[]> delays = Objects.requireNonNull(Flux.mergeSequential(waits.stream().map(Mono::flux).toList())
				.collectList()
				.block(Duration.ofMinutes(15)), "collectList always emits");
			List<ScenarioResult> rows = new ArrayList<>();
			for (int i = 0; i < durations.size(); i++) {
				Duration duration = durations.get(i);
				double[] delay = delays.get(i);
				long polls = gateways.get(i).callCount(GatewayOperation.GET_STATUS);
				double maxDelay = java.util.Arrays.stream(delay).max().orElse(0);
				double allowedDelay = Math.max(duration.toMillis() / 10_000.0, 0.3);
				int doubling = scheduledPolls(PollingPolicy.DEFAULT, duration);
				double perExecution = polls / (double) measured;
				ScenarioResult row = new ScenarioResult("7-learned-polling",
						"default settings, executions of " + seconds(duration) + " s, after " + learning
								+ " of the same length")
					.put(ScenarioResult.N, measured)
					.put("executionSeconds", duration.toMillis() / 1000.0)
					.put("statusCallsPerExecution", perExecution)
					.put("doublingSchedulePolls", doubling)
					.put("detectionDelaySecondsMedian", Measurements.median(delay))
					.put("detectionDelaySecondsMax", maxDelay);
				Measurements.putCalls(row, gateways.get(i).callCounts(), measured);
				row.put(ScenarioResult.TARGET,
						"detection delay <= " + allowedDelay + " s; status calls <= " + doubling
								+ " (doubling schedule)")
					.put("targetMet", maxDelay <= allowedDelay && perExecution <= doubling);
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
	 * One execution: run, wait; the delay between its end and the client seeing it final,
	 * in seconds.
	 * @param hub the client that runs the execution
	 * @param duration how long the service takes to run an execution
	 * @param index the execution's number, sent as its input {@code i}
	 * @return the seconds between the execution's end and the client seeing it final
	 */
	private static Mono<Double> delay(ReactiveHubServiceClient hub, Duration duration, int index) {
		return Mono.defer(() -> {
			long sent = System.nanoTime();
			return hub.run(Map.of("i", index))
				.flatMap(ReactiveHubServiceExecution::waitForFinalState)
				.map((last) -> (System.nanoTime() - sent - duration.toNanos()) / 1e9);
		});
	}

	/**
	 * Status polls the doubling schedule makes for an execution of the given length
	 * started at the last known state.
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
