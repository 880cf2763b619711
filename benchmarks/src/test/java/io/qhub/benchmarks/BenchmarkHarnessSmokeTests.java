package io.qhub.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the harness in smoke mode (tiny sizes, no warm-up) so that it cannot rot: every
 * JSON line must parse back and carry the expected fields and counts. Asserts counts and
 * fields, never times or targets.
 */
class BenchmarkHarnessSmokeTests {

	@Test
	void smokeRunReportsEveryScenario() {
		// 5 (1 GiB file, curl) is left to the real run; 2 covers the child-JVM path
		HarnessOptions options = HarnessOptions.parse("--smoke", "--scenario", "1,2,3,4,6,7,8");
		List<String> lines = new ArrayList<>();
		List<ScenarioResult> rows = BenchmarkHarness.run(options, (row) -> lines.add(row.toJson()));
		List<ScenarioResult> parsed = lines.stream().map(ScenarioResult::fromJson).toList();

		assertThat(parsed).extracting(ScenarioResult::scenario)
			.containsExactly("1-batch", "1-batch", "1-batch", "1-batch", "1-batch", "1-batch", "2-scale", "3-tokens",
					"3-tokens", "4-grants", "6-overhead", "7-learned-polling", "7-learned-polling", "7-learned-polling",
					"8-tracking");
		assertThat(parsed).allSatisfy((row) -> assertThat(row.values()).doesNotContainKey("error")
			.containsKeys("variant", ScenarioResult.TARGET, "targetMet"));
		assertThat(parsed).hasSameSizeAs(rows);

		for (ScenarioResult row : rows(parsed, "1-batch")) {
			assertThat(row.values()).containsKeys(ScenarioResult.WALL_SECONDS, ScenarioResult.EXECUTIONS_PER_SECOND);
			assertThat(number(row, ScenarioResult.N)).isEqualTo(16);
			// a client reused after one batch already holds its token
			assertThat(number(row, ScenarioResult.TOKEN_CALLS))
				.isEqualTo(row.variant().endsWith("after one batch") ? 0 : 1);
			assertThat(number(row, ScenarioResult.CALLS_PER_EXECUTION)).isBetween(4.0, 20.0);
			assertThat(calls(row)).containsEntry("START_EXECUTION", 16)
				.containsEntry("GET_RESULT", 16)
				.containsEntry("GET_RESULT_FILE", 16);
		}
		ScenarioResult scale = rows(parsed, "2-scale").get(0);
		assertThat(scale.get("completed")).isEqualTo(true);
		assertThat(number(scale, ScenarioResult.TOKEN_CALLS)).isEqualTo(1);
		assertThat(number(scale, ScenarioResult.MAX_HEAP_MIB)).isEqualTo(64.0);
		assertThat(number(scale, ScenarioResult.PEAK_HEAP_MIB)).isPositive();
		assertThat(calls(scale)).containsEntry("START_EXECUTION", 100).containsEntry("GET_RESULT_FILE", 100);
		assertThat(scale.values()).containsKeys("threadsBefore", "threadsAfterClose", "fdsBefore", "fdsAfterClose",
				"liveBytesPerWaitingExecution", "leak");

		List<ScenarioResult> tokens = rows(parsed, "3-tokens");
		assertThat(tokens).allSatisfy((row) -> assertThat(number(row, ScenarioResult.TOKEN_CALLS)).isEqualTo(1));
		assertThat(number(tokens.get(0), "answered")).isEqualTo(100);
		assertThat(number(tokens.get(1), "failedCalls")).isZero();

		ScenarioResult grants = rows(parsed, "4-grants").get(0);
		assertThat(number(grants, ScenarioResult.GRANT_CALLS)).isEqualTo(1);
		assertThat(number(grants, "grantCallsSecondWave")).isZero();
		assertThat(calls(grants)).containsEntry("START_EXECUTION", 20);

		ScenarioResult overhead = rows(parsed, "6-overhead").get(0);
		assertThat(number(overhead, "clientMicrosPerOp")).isPositive();
		assertThat(number(overhead, "bareMicrosPerOp")).isPositive();
		assertThat(overhead.values()).containsKey("clientToBare");

		for (ScenarioResult row : rows(parsed, "7-learned-polling")) {
			assertThat(number(row, "statusCallsPerExecution")).isGreaterThanOrEqualTo(1.0);
			assertThat(number(row, "doublingSchedulePolls")).isGreaterThanOrEqualTo(1.0);
			assertThat(row.values()).containsKeys("detectionDelaySecondsMedian", "detectionDelaySecondsMax");
			// only the measured executions are counted: the learning ones ran before the
			// recording was reset
			assertThat(calls(row)).containsEntry("START_EXECUTION", 1);
		}

		ScenarioResult tracking = rows(parsed, "8-tracking").get(0);
		assertThat(tracking.get("allDelivered")).isEqualTo(true);
		assertThat(number(tracking, ScenarioResult.N)).isEqualTo(100);
		assertThat(number(tracking, "statusCallsPerExecution")).isGreaterThanOrEqualTo(1.0);
		assertThat(tracking.values()).containsKeys("trackerThreads", "liveBytesPerTrackedExecution");

		String table = BenchmarkHarness.table(rows);
		assertThat(table.lines()).hasSize(2 + rows.size());
		assertThat(table).startsWith("| Scenario | Variant |");
	}

	@Test
	void externalGatewaySkipsScenariosThatNeedTheLocalOne() {
		HarnessOptions options = HarnessOptions.parse("--smoke", "--scenario", "3", "--scenario", "4", "--gateway",
				"http://127.0.0.1:9/none");
		List<ScenarioResult> rows = BenchmarkHarness.run(options, (row) -> {
		});
		assertThat(rows).extracting(ScenarioResult::variant).containsExactly("skipped", "skipped");
	}

	@Test
	void optionsParse() {
		HarnessOptions options = HarnessOptions.parse("--scenario", "2", "--gateway", "https://g/x/y/1",
				"--token-endpoint", "https://g/token", "--access-key-id", "id", "--secret-access-key", "s");
		assertThat(options.scenarios()).containsExactly(2);
		assertThat(options.external()).isTrue();
		assertThat(options.smoke()).isFalse();
		assertThat(HarnessOptions.parse().scenarios()).isEqualTo(Set.copyOf(HarnessOptions.ALL));
	}

	private static List<ScenarioResult> rows(List<ScenarioResult> rows, String scenario) {
		return rows.stream().filter((row) -> row.scenario().equals(scenario)).toList();
	}

	private static double number(ScenarioResult row, String name) {
		Object value = row.get(name);
		assertThat(value).as(name + " of " + row).isInstanceOf(Number.class);
		return ((Number) value).doubleValue();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Integer> calls(ScenarioResult row) {
		Object calls = row.get(ScenarioResult.CALLS);
		assertThat(calls).as("calls of " + row).isInstanceOf(Map.class);
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		((Map<String, Object>) calls).forEach((name, count) -> counts.put(name, ((Number) count).intValue()));
		return counts;
	}

}
