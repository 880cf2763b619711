package io.qhub.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Scenario 6, overhead: runs {@link GetStatusOverheadBenchmark} with JMH in rounds, each
 * round one fork of the client's benchmark and one of the bare {@code WebClient}'s back
 * to back, the order alternating between rounds (so a machine that drifts faster or
 * slower during the run does not favour the one measured last). Each fork: 5 warm-up
 * iterations of 2 s and 10 measured ones of 1 s (with 5 measured, JMH's 99.9 % error,
 * which widens with fewer iterations, was as large as the mean); in smoke mode one round
 * in-process with short iterations. Reports the ratio of each round, their median (the
 * headline), and each fork's mean with its 99.9 % error.
 */
public final class OverheadScenario implements Scenario {

	private static final String CLIENT = "hubServiceClient";

	private static final String BARE = "bareWebClient";

	@Override
	public int number() {
		return 6;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		int rounds = options.smoke() ? 1 : 3;
		List<Double> ratios = new ArrayList<>();
		List<String> forks = new ArrayList<>();
		double[] clientMeans = new double[rounds];
		double[] bareMeans = new double[rounds];
		long samples = 0;
		for (int round = 0; round < rounds; round++) {
			boolean clientFirst = round % 2 == 0;
			Result<?> first = measure(options, clientFirst ? CLIENT : BARE);
			Result<?> second = measure(options, clientFirst ? BARE : CLIENT);
			Result<?> client = clientFirst ? first : second;
			Result<?> bare = clientFirst ? second : first;
			clientMeans[round] = client.getScore();
			bareMeans[round] = bare.getScore();
			ratios.add(client.getScore() / bare.getScore());
			forks.add(String.format(java.util.Locale.ROOT, "client %.1f±%.1f / bare %.1f±%.1f", client.getScore(),
					error(client), bare.getScore(), error(bare)));
			samples += client.getSampleCount() + bare.getSampleCount();
		}
		double median = Measurements.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
		ScenarioResult row = new ScenarioResult("6-overhead",
				"getStatus: HubServiceClient vs bare WebClient (JMH, " + rounds + " alternating rounds)")
			.put(ScenarioResult.N, samples)
			.put("clientMicrosPerOp", Measurements.median(clientMeans))
			.put("bareMicrosPerOp", Measurements.median(bareMeans))
			.put("clientToBare", median)
			.put("clientToBareRounds", ratios)
			.put("roundsMicrosWithError", forks)
			.put("unit", TimeUnit.MICROSECONDS.name().toLowerCase())
			.put(ScenarioResult.TARGET, "median clientToBare <= 1.2")
			.put("targetMet", median <= 1.2);
		return List.of(row);
	}

	private static Result<?> measure(HarnessOptions options, String benchmark) throws RunnerException {
		ChainedOptionsBuilder jmh = new OptionsBuilder()
			.include(GetStatusOverheadBenchmark.class.getName() + "\\." + benchmark + "$")
			.verbosity(VerboseMode.SILENT)
			.shouldFailOnError(true);
		if (options.smoke()) {
			jmh.forks(0)
				.warmupIterations(1)
				.warmupTime(TimeValue.milliseconds(200))
				.measurementIterations(1)
				.measurementTime(TimeValue.milliseconds(300));
		}
		else {
			jmh.forks(1)
				.warmupIterations(5)
				.warmupTime(TimeValue.seconds(2))
				.measurementIterations(10)
				.measurementTime(TimeValue.seconds(1));
		}
		Collection<RunResult> results = new Runner(jmh.build()).run();
		return results.iterator().next().getPrimaryResult();
	}

	private static double error(Result<?> result) {
		double error = result.getScoreError();
		return Double.isNaN(error) ? 0 : error;
	}

}
