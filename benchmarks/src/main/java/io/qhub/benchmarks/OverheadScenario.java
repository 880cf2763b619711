package io.qhub.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Scenario 6, overhead: runs {@link GetStatusOverheadBenchmark} with JMH (two forks, each 5 warm-up iterations of
 * 2 s and 10 measured of 1 s, so that the JIT has settled and a stray pause shows in the error rather than in the
 * mean; in smoke mode in-process with short iterations) and reports both averages, their 99.9 % error and their
 * ratio.
 */
public final class OverheadScenario implements Scenario {

	@Override
	public int number() {
		return 6;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		ChainedOptionsBuilder jmh = new OptionsBuilder()
			.include(GetStatusOverheadBenchmark.class.getName() + "\\.")
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
			jmh.forks(2)
				.warmupIterations(5)
				.warmupTime(TimeValue.seconds(2))
				.measurementIterations(10)
				.measurementTime(TimeValue.seconds(1));
		}
		Collection<RunResult> results = new Runner(jmh.build()).run();
		Map<String, double[]> scores = new LinkedHashMap<>();
		for (RunResult result : results) {
			String label = result.getParams().getBenchmark();
			label = label.substring(label.lastIndexOf('.') + 1);
			double error = result.getPrimaryResult().getScoreError();
			scores.put(label, new double[] { result.getPrimaryResult().getScore(), Double.isNaN(error) ? 0 : error });
		}
		double client = scores.get("hubServiceClient")[0];
		double bare = scores.get("bareWebClient")[0];
		ScenarioResult row = new ScenarioResult("6-overhead", "getStatus: HubServiceClient vs bare WebClient (JMH)")
			.put(ScenarioResult.N, results.stream().mapToLong((r) -> r.getPrimaryResult().getSampleCount()).sum())
			.put("clientMicrosPerOp", client)
			.put("clientMicrosError", scores.get("hubServiceClient")[1])
			.put("bareMicrosPerOp", bare)
			.put("bareMicrosError", scores.get("bareWebClient")[1])
			.put("clientToBare", client / bare)
			.put("unit", TimeUnit.MICROSECONDS.name().toLowerCase())
			.put(ScenarioResult.TARGET, "clientToBare <= 1.2")
			.put("targetMet", client / bare <= 1.2);
		return List.of(row);
	}

}
