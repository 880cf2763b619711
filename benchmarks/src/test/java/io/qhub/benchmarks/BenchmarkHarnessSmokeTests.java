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
			.containsExactly("1-batch", "1-batch", "1-batch", "1-batch", "1-batch", "1-batch", "1-batch", "2-scale",
					"3-tokens", "3-tokens", "4-grants", "6-overhead", "7-learned-polling", "7-learned-polling",
					"7-learned-polling", "8-tracking");
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
	void jdbcTrackingSmokeRunCountsStatementsDeliveriesAndClaimRounds() {
		HarnessOptions options = HarnessOptions.parse("--smoke", "--scenario", "9");
		List<ScenarioResult> rows = BenchmarkHarness.run(options, (row) -> {
		}).stream().map((row) -> ScenarioResult.fromJson(row.toJson())).toList();

		assertThat(rows).extracting(ScenarioResult::variant)
			.containsExactly("statements per poll, 20 executions of 1 s, 1 instance",
					"deliveries, 60 executions of 1 s, 3 instances", "claim round, 1000 rows (100 due)",
					"claim round, 10000 rows (100 due)");
		assertThat(rows).allSatisfy((row) -> assertThat(row.values()).doesNotContainKey("error")
			.containsKeys(ScenarioResult.TARGET, "targetMet"));

		ScenarioResult statements = rows.get(0);
		int started = 20 - (int) number(statements, "failedStarts");
		assertThat(number(statements, "delivered")).isEqualTo(started);
		assertThat(number(statements, "statusPolls")).isGreaterThanOrEqualTo(started);
		assertThat(calls(statements, "statementsByKind")).containsEntry(StatementCounter.INSERT, started)
			.hasEntrySatisfying(StatementCounter.CLAIM, (claims) -> assertThat(claims).isPositive())
			.hasEntrySatisfying(StatementCounter.COMPLETION, (completions) -> assertThat(completions).isPositive());
		assertThat(statements.get("tableEmptied")).isEqualTo(true);

		ScenarioResult deliveries = rows.get(1);
		assertThat(number(deliveries, "delivered") + number(deliveries, "failedStarts")).isEqualTo(60);
		assertThat(number(deliveries, "missing")).isZero();
		assertThat(deliveries.get("tableEmpty")).isEqualTo(true);
		assertThat(deliveries.values()).containsKeys("drainSeconds", "liveHeapTrackingMiBByInstance", "claim",
				"lease_takeover", "failed_poll");
		assertThat((List<?>) deliveries.get("deliveredByInstance")).hasSize(3);

		for (ScenarioResult claims : rows.subList(2, 4)) {
			assertThat(number(claims, "claimedPerRound")).isEqualTo(32);
			assertThat(claims.values()).containsKeys("claimMillisMedian", "roundMillisP95", "claimUsesDueIndex");
		}
	}

	@Test
	void listingSmokeRunListsEveryExecutionInAChildJvm() {
		HarnessOptions options = HarnessOptions.parse("--smoke", "--scenario", "10");
		List<ScenarioResult> rows = BenchmarkHarness.run(options, (row) -> {
		}).stream().map((row) -> ScenarioResult.fromJson(row.toJson())).toList();

		assertThat(rows).extracting(ScenarioResult::scenario).containsOnly("10-listing");
		assertThat(rows).hasSize(3)
			.allSatisfy((row) -> assertThat(row.values()).doesNotContainKey("error")
				.containsKeys(ScenarioResult.TARGET, "targetMet", ScenarioResult.PEAK_HEAP_MIB));
		assertThat(number(rows.get(0), "listed")).isEqualTo(2000);
		assertThat(number(rows.get(1), "listed")).isEqualTo(20);
		assertThat(number(rows.get(2), "listed")).isEqualTo(2000);
		assertThat(number(rows.get(0), ScenarioResult.MAX_HEAP_MIB)).isEqualTo(64.0);
	}

	@Test
	void statementsAreClassifiedByTheirSql() {
		assertThat(StatementCounter.kind("WITH DUE AS (SELECT 1 FOR UPDATE SKIP LOCKED) UPDATE X"))
			.isEqualTo(StatementCounter.CLAIM);
		assertThat(StatementCounter.kind("UPDATE QHUB_TRACKED_EXECUTION E SET NEXT_POLL_AT = 1, LEASE_OWNER = NULL"))
			.isEqualTo(StatementCounter.RELEASE);
		assertThat(StatementCounter.kind("DELETE FROM QHUB_TRACKED_EXECUTION E USING UNNEST(?)"))
			.isEqualTo(StatementCounter.COMPLETION);
		assertThat(StatementCounter.kind(" insert into QHUB_TRACKED_EXECUTION VALUES (?)"))
			.isEqualTo(StatementCounter.INSERT);
		assertThat(StatementCounter.kind("SELECT SERVICE, COUNT(*) FROM QHUB_TRACKED_EXECUTION"))
			.isEqualTo(StatementCounter.OTHER);
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

	private static Map<String, Integer> calls(ScenarioResult row) {
		return calls(row, ScenarioResult.CALLS);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Integer> calls(ScenarioResult row, String name) {
		Object calls = row.get(name);
		assertThat(calls).as(name + " of " + row).isInstanceOf(Map.class);
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		((Map<String, Object>) calls).forEach((key, count) -> counts.put(key, ((Number) count).intValue()));
		return counts;
	}

}
