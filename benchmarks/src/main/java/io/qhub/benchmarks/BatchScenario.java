package io.qhub.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.PollingPolicy;
import io.qhub.service.client.ReactiveHubServiceClient;
import reactor.core.publisher.Flux;

/**
 * Scenario 1, batch: N executions of 200 ms through the whole pipeline (run, wait, result, result files,
 * download), with the reactive client and all N in flight, and with the blocking client on 8 threads (the official
 * SDK's documented batch shape) under the default polling policy and under a tuned one (50 ms doubling to 200 ms,
 * as close to the SDK's 0.05 s comparison as an adaptive schedule gets). Each variant: a fresh client per run
 * (so its token request counts), medians of several runs after a warm-up.
 */
public final class BatchScenario implements Scenario {

	/** The tuned policy of the second blocking row. */
	public static final PollingPolicy TUNED = new PollingPolicy(Duration.ofMillis(50), Duration.ofMillis(200),
			Duration.ofMinutes(30));

	/** A fixed 200 ms poll: the schedule a caller who knows the executions' length would pick. */
	public static final PollingPolicy FIXED_200 = new PollingPolicy(Duration.ofMillis(200), Duration.ofMillis(200),
			Duration.ofMinutes(30));

	@Override
	public int number() {
		return 1;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		int executions = options.smoke() ? 16 : 200;
		int threads = options.smoke() ? 4 : 8;
		Duration duration = Duration.ofMillis(options.smoke() ? 50 : 200);
		int warmups = options.smoke() ? 0 : 1;
		int runs = options.smoke() ? 1 : 3;
		List<ScenarioResult> rows = new ArrayList<>();
		Path directory = Workload.temporaryDirectory("qhub-bench-batch");
		try (Target target = target(options, duration)) {
			for (int i = 0; i < warmups; i++) {
				reactive(target, executions, directory, PollingPolicy.DEFAULT);
				blocking(target, executions, threads, directory, TUNED);
			}
			rows.add(measure("reactive, all in flight, default polling", runs,
					() -> reactive(target, executions, directory, PollingPolicy.DEFAULT), executions, target));
			rows.add(measure("reactive, all in flight, tuned polling 50->200 ms", runs,
					() -> reactive(target, executions, directory, TUNED), executions, target));
			rows.add(measure("blocking, " + threads + " threads, default polling", runs,
					() -> blocking(target, executions, threads, directory, PollingPolicy.DEFAULT), executions, target));
			rows.add(measure("blocking, " + threads + " threads, tuned polling 50->200 ms", runs,
					() -> blocking(target, executions, threads, directory, TUNED), executions, target));
			rows.add(measure("blocking, " + threads + " threads, fixed 200 ms polling (= execution length)", runs,
					() -> blocking(target, executions, threads, directory, FIXED_200), executions, target));
		}
		finally {
			Workload.delete(directory);
		}
		double floor = executions / (double) threads * duration.toMillis() / 1000.0;
		for (ScenarioResult row : rows) {
			double wall = ((Number) row.get(ScenarioResult.WALL_SECONDS)).doubleValue();
			Object perExecution = row.get(ScenarioResult.CALLS_PER_EXECUTION);
			boolean fewCalls = perExecution == null || ((Number) perExecution).doubleValue() <= 5.0;
			row.put("executionSeconds", duration.toMillis() / 1000.0);
			if (row.variant().startsWith("reactive")) {
				row.put(ScenarioResult.TARGET, "wall <= 1 s; <= 5 calls/execution");
				row.put("targetMet", wall <= 1.0 && fewCalls);
			}
			else {
				row.put("floorSeconds", floor);
				row.put("wallToFloor", wall / floor);
				row.put(ScenarioResult.TARGET, "wall <= 1.1 x floor (" + floor + " s); <= 5 calls/execution");
				row.put("targetMet", wall <= floor * 1.1 && fewCalls);
			}
		}
		return rows;
	}

	private static Target target(HarnessOptions options, Duration duration) {
		if (options.external()) {
			return Target.remote(options.gateway(), options.tokenEndpoint(), options.accessKeyId(),
					options.secretAccessKey());
		}
		return Target.local(Workload.gateway(duration), Workload.ACCESS_KEY_ID, Workload.SECRET_ACCESS_KEY);
	}

	private static ScenarioResult measure(String variant, int runs, Run run, int executions, Target target)
			throws Exception {
		List<ScenarioResult> measured = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			target.resetCounts();
			double seconds = run.seconds();
			ScenarioResult row = new ScenarioResult("1-batch", variant).put(ScenarioResult.N, executions)
				.put(ScenarioResult.WALL_SECONDS, seconds)
				.put(ScenarioResult.EXECUTIONS_PER_SECOND, executions / seconds);
			Measurements.putCalls(row, target.counts(), executions);
			measured.add(row);
		}
		ScenarioResult median = Measurements.median(measured,
				(row) -> ((Number) row.get(ScenarioResult.WALL_SECONDS)).doubleValue());
		median.put("runs", runs);
		median.put("wallSecondsAllRuns",
				measured.stream().map((row) -> row.get(ScenarioResult.WALL_SECONDS)).toList());
		return median;
	}

	private static double reactive(Target target, int executions, Path directory, PollingPolicy polling) {
		try (HubServiceClient client = target.clientBuilder().polling(polling).build()) {
			ReactiveHubServiceClient hub = client.reactive();
			long started = System.nanoTime();
			Flux.range(0, executions)
				.flatMap((i) -> Workload.reactive(hub, i, directory, false), executions)
				.blockLast(Duration.ofMinutes(10));
			return Measurements.secondsSince(started);
		}
	}

	private static double blocking(Target target, int executions, int threads, Path directory, PollingPolicy polling)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try (HubServiceClient client = target.clientBuilder().polling(polling).build()) {
			long started = System.nanoTime();
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int first = t;
				workers.add(pool.submit(() -> {
					for (int i = first; i < executions; i += threads) {
						Workload.blocking(client, i, directory, false);
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
			return Measurements.secondsSince(started);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface Run {

		double seconds() throws Exception;

	}

}
