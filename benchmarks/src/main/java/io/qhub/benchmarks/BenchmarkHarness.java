package io.qhub.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The benchmark harness's entry point: runs the chosen scenarios (all by default) one
 * after the other, prints one JSON line per result row as it comes, then a Markdown table
 * of all rows. It reports targets as met or missed and never fails because of them; a
 * scenario that cannot run reports an {@code error} row instead.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--scenario N[,M]]... [--smoke]
 *     [--gateway SERVICE_URL --token-endpoint URL --access-key-id ID --secret-access-key SECRET]
 * </pre>
 */
public final class BenchmarkHarness {

	/**
	 * Scenarios that can run against an external gateway; the others need a
	 * LocalHubGateway's scripting.
	 */
	public static final Set<Integer> EXTERNAL_CAPABLE = Set.of(1, 2);

	private static final List<String> COLUMNS = List.of(ScenarioResult.N, ScenarioResult.WALL_SECONDS,
			ScenarioResult.EXECUTIONS_PER_SECOND, ScenarioResult.CALLS_PER_EXECUTION, ScenarioResult.TOKEN_CALLS,
			ScenarioResult.GRANT_CALLS, ScenarioResult.PEAK_HEAP_MIB);

	private static final Set<String> NOT_DETAILS = Set.of("scenario", "variant", ScenarioResult.TARGET, "targetMet",
			ScenarioResult.CALLS);

	private BenchmarkHarness() {
	}

	/**
	 * Runs the harness from the command line.
	 * @param args see {@link HarnessOptions#parse(String...)}
	 */
	public static void main(String[] args) {
		HarnessOptions options;
		try {
			options = HarnessOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		PrintStream out = System.out;
		List<ScenarioResult> rows = run(options, (row) -> out.println(row.toJson()));
		out.println();
		out.println(table(rows));
		System.exit(0);
	}

	/**
	 * Runs the chosen scenarios.
	 * @param options the options
	 * @param sink receives each row as soon as it is measured
	 * @return every row
	 */
	public static List<ScenarioResult> run(HarnessOptions options, Consumer<ScenarioResult> sink) {
		List<ScenarioResult> rows = new ArrayList<>();
		for (Scenario scenario : scenarios()) {
			if (!options.scenarios().contains(scenario.number())) {
				continue;
			}
			List<ScenarioResult> produced;
			if (options.external() && !EXTERNAL_CAPABLE.contains(scenario.number())) {
				produced = List.of(new ScenarioResult(scenario.number() + "-" + name(scenario), "skipped")
					.put("skipped", "needs a LocalHubGateway (scripted timing, token lifetime, grants or files)"));
			}
			else {
				try {
					produced = scenario.run(options);
				}
				catch (Exception | Error ex) {
					produced = List.of(new ScenarioResult(scenario.number() + "-" + name(scenario), "error")
						.put("error", ex.toString()));
				}
			}
			produced.forEach(sink);
			rows.addAll(produced);
		}
		return rows;
	}

	/**
	 * Every scenario, in order.
	 * @return the scenarios
	 */
	public static List<Scenario> scenarios() {
		return List.of(new BatchScenario(), new ScaleScenario(), new TokenScenario(), new GrantScenario(),
				new LargeFileScenario(), new OverheadScenario(), new PollingCostScenario(), new TrackingScenario(),
				new JdbcTrackingScenario(), new ListingScenario());
	}

	private static String name(Scenario scenario) {
		return scenario.getClass().getSimpleName().replace("Scenario", "").toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * The rows as a Markdown table: the common metrics as columns, the rest as details.
	 * @param rows the rows
	 * @return the table
	 */
	public static String table(List<ScenarioResult> rows) {
		StringBuilder table = new StringBuilder(
				"| Scenario | Variant | N | Wall (s) | Exec/s | HTTP calls/exec | Token calls | Grant calls "
						+ "| Peak heap (MiB) | Details | Target | Met |\n"
						+ "|---|---|--:|--:|--:|--:|--:|--:|--:|---|---|---|\n");
		for (ScenarioResult row : rows) {
			table.append("| ").append(row.scenario()).append(" | ").append(row.variant());
			for (String column : COLUMNS) {
				table.append(" | ").append(cell(row.get(column)));
			}
			StringBuilder details = new StringBuilder();
			for (Map.Entry<String, @Nullable Object> entry : row.values().entrySet()) {
				if (!NOT_DETAILS.contains(entry.getKey()) && !COLUMNS.contains(entry.getKey())) {
					details.append((details.length() > 0) ? ", " : "")
						.append(entry.getKey())
						.append('=')
						.append(cell(entry.getValue()));
				}
			}
			Object calls = row.get(ScenarioResult.CALLS);
			if (calls instanceof Map<?, ?> map && !map.isEmpty()) {
				details.append((details.length() > 0) ? ", " : "").append("calls=").append(map);
			}
			table.append(" | ")
				.append(details)
				.append(" | ")
				.append(cell(row.get(ScenarioResult.TARGET)))
				.append(" | ")
				.append(met(row.get("targetMet")))
				.append(" |\n");
		}
		return table.toString();
	}

	private static String met(@Nullable Object met) {
		if (met == null) {
			return "";
		}
		return Boolean.TRUE.equals(met) ? "yes" : "**no**";
	}

	private static String cell(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		return String.valueOf(value).replace("|", "\\|");
	}

}
