package io.qhub.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.qhub.test.gateway.LocalHubGateway;

/**
 * Scenario 9, tracking on the JDBC store: an embedded PostgreSQL
 * ({@link EmbeddedDatabase}) and a LocalHubGateway whose executions run 5 s. Lease 3 s,
 * tick 200 ms (the settings the issue measured with). Three parts:
 * <ol>
 * <li>statements per status poll, one instance ({@link StatementsPerPoll}), 200 and then
 * 10,000 executions; target at most 1.0;</li>
 * <li>10,000 executions across 1 and 3 instances, each in its own JVM
 * ({@link MultiInstanceDelivery}); target all delivered, none twice; also the time to
 * drain and the live heap per instance;</li>
 * <li>the claim round's time on 10,000 and 100,000 tracked rows
 * ({@link ClaimRoundTiming}); target flat: the median at 100,000 rows at most 1.5 times
 * that at 10,000.</li>
 * </ol>
 */
public final class JdbcTrackingScenario implements Scenario {

	private static final Duration LENGTH = Duration.ofSeconds(5);

	private static final double FLAT = 1.5;

	@Override
	public int number() {
		return 9;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		if (options.external()) {
			return List.of(new ScenarioResult("9-jdbc-tracking", "skipped").put("reason",
					"needs the local gateway's execution lengths"));
		}
		boolean smoke = options.smoke();
		Duration length = smoke ? Duration.ofSeconds(1) : LENGTH;
		List<ScenarioResult> rows = new ArrayList<>();
		try (EmbeddedDatabase database = EmbeddedDatabase.start(); LocalHubGateway gateway = Workload.gateway(length)) {
			for (int executions : smoke ? new int[] { 20 } : new int[] { 200, 10_000 }) {
				rows.add(part("statements per poll, " + executions + " executions",
						() -> StatementsPerPoll.measure(database, gateway, executions, length)));
			}
			int delivered = smoke ? 60 : 10_000;
			// the smoke run starts the three JVMs only: the one-instance run adds no path
			for (int instances : smoke ? new int[] { 3 } : new int[] { 1, 3 }) {
				rows.add(part("deliveries, " + instances + " instances",
						() -> MultiInstanceDelivery.measure(database, gateway, delivered, instances, length)));
			}
			int due = smoke ? 100 : 1_000;
			int rounds = smoke ? 10 : 200;
			int fewer = smoke ? 1_000 : 10_000;
			ScenarioResult small = part("claim round, " + fewer + " rows",
					() -> ClaimRoundTiming.measure(database, fewer, due, rounds));
			ScenarioResult large = part("claim round, " + fewer * 10 + " rows",
					() -> ClaimRoundTiming.measure(database, fewer * 10, due, rounds));
			double ratio = number(large, "roundMillisMedian") / number(small, "roundMillisMedian");
			small.put(ScenarioResult.TARGET, "uses the NEXT_POLL_AT index")
				.put("targetMet", Boolean.TRUE.equals(small.get("claimUsesDueIndex")));
			large.put("roundMedianRatioTo10xFewerRows", ratio)
				.put(ScenarioResult.TARGET,
						"flat: median round <= " + FLAT + "x that of 10x fewer rows; uses the index")
				.put("targetMet", ratio <= FLAT && Boolean.TRUE.equals(large.get("claimUsesDueIndex")));
			rows.add(small);
			rows.add(large);
		}
		return rows;
	}

	/**
	 * Runs one part: its row, or an error row when it fails (the other parts still run);
	 * prints its time to stderr.
	 * @param name the part, for the error row and the progress line
	 * @param part the part
	 * @return the row
	 */
	private static ScenarioResult part(String name, Callable<ScenarioResult> part) {
		long started = System.nanoTime();
		ScenarioResult row;
		try {
			row = part.call();
		}
		catch (Exception ex) {
			row = new ScenarioResult("9-jdbc-tracking", name).put("error", ex.toString());
		}
		System.err.printf("scenario 9: %s took %.1f s%n", name, Measurements.secondsSince(started));
		return row;
	}

	private static double number(ScenarioResult row, String name) {
		return (row.get(name) instanceof Number number) ? number.doubleValue() : Double.NaN;
	}

}
