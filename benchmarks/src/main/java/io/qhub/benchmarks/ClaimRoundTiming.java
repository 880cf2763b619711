package io.qhub.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.zaxxer.hikari.HikariDataSource;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.qhub.tracking.NextPoll;
import io.qhub.tracking.TrackedClaim;

/**
 * Part (c) of scenario 9: the time of a claim round (claim a batch of 32, then release
 * it) on a table of many tracked rows, most not due: the rows are inserted with one
 * {@code INSERT … SELECT} from {@code generate_series}, the table analysed, then rounds
 * are timed after a warm-up. The released rows are due again at once, so every round
 * claims from the same number of due rows. Also the claim's plan, from
 * {@code EXPLAIN (ANALYZE, BUFFERS)} in a transaction rolled back.
 */
final class ClaimRoundTiming {

	/** The batch a round claims: the tracker's default concurrency. */
	static final int BATCH = 32;

	/**
	 * The name of the index on {@code NEXT_POLL_AT} (PostgreSQL folds it to lower case).
	 */
	static final String DUE_INDEX = "qhub_tracked_execution_due_ix";

	private static final Duration LEASE = Duration.ofSeconds(30);

	private ClaimRoundTiming() {
	}

	/**
	 * Fills the table and times claim rounds.
	 * @param database the database, its table emptied first
	 * @param rows the tracked rows
	 * @param due how many of them are due
	 * @param rounds the rounds timed (after a tenth as many warm-up rounds)
	 * @return the row
	 */
	static ScenarioResult measure(EmbeddedDatabase database, int rows, int due, int rounds) {
		database.clear();
		database.execute("INSERT INTO " + JdbcTrackedExecutionStore.TABLE + " (SERVICE, EXECUTION_ID, TRACKED_AT, "
				+ "NEXT_POLL_AT, POLLS, FAILED_DELIVERIES, LEASE_OWNER, CLAIM) SELECT 'default', 'bench-' || G, NOW_MS, "
				+ "CASE WHEN G <= " + due + " THEN NOW_MS - 60000 - G ELSE NOW_MS + 3600000 + G END, 0, 0, NULL, 0 "
				+ "FROM GENERATE_SERIES(1, " + rows + ") AS G, "
				+ "(SELECT (EXTRACT(EPOCH FROM NOW()) * 1000)::BIGINT AS NOW_MS) AS T;" + "ANALYZE "
				+ JdbcTrackedExecutionStore.TABLE);
		StatementCounter counter = new StatementCounter();
		try (HikariDataSource pool = EmbeddedDatabase.pool(database.jdbcUrl(), "claims")) {
			JdbcTrackedExecutionStore store = new JdbcTrackedExecutionStore(counter.wrap(pool));
			double[] claimMillis = new double[rounds];
			double[] roundMillis = new double[rounds];
			int claimed = 0;
			for (int round = -Math.max(1, rounds / 10); round < rounds; round++) {
				long started = System.nanoTime();
				List<TrackedClaim> claims = store.claimDue("bench", LEASE, BATCH);
				long afterClaim = System.nanoTime();
				store.reschedule(
						claims.stream().map((claim) -> new NextPoll(claim.execution(), Duration.ZERO)).toList());
				long ended = System.nanoTime();
				if (round >= 0) {
					claimMillis[round] = (afterClaim - started) / 1e6;
					roundMillis[round] = (ended - started) / 1e6;
					claimed += claims.size();
				}
			}
			List<String> plan = plan(pool, Objects.requireNonNull(counter.sql(StatementCounter.CLAIM), "a claim ran"));
			System.err.println("Claim plan with " + rows + " rows (" + due + " due):");
			plan.forEach((line) -> System.err.println("  " + line));
			return new ScenarioResult("9-jdbc-tracking", "claim round, " + rows + " rows (" + due + " due)")
				.put(ScenarioResult.N, rounds)
				.put("rows", rows)
				.put("dueRows", due)
				.put("claimedPerRound", claimed / (double) rounds)
				.put("claimMillisMedian", percentile(claimMillis, 50))
				.put("claimMillisP95", percentile(claimMillis, 95))
				.put("roundMillisMedian", percentile(roundMillis, 50))
				.put("roundMillisP95", percentile(roundMillis, 95))
				.put("claimUsesDueIndex",
						plan.stream().anyMatch((line) -> line.toLowerCase(Locale.ROOT).contains(DUE_INDEX)))
				.put("claimPlanScan",
						plan.stream()
							.filter((line) -> line.contains("Scan"))
							.map((line) -> line.strip().replaceFirst("^->\\s*", "").replaceAll("\\s*\\(.*", ""))
							.toList());
		}
	}

	/**
	 * A percentile (nearest rank).
	 * @param values the values, not empty
	 * @param percent the percentile, 1 to 100
	 * @return the value
	 */
	static double percentile(double[] values, int percent) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	private static List<String> plan(HikariDataSource pool, String claim) {
		try (Connection connection = pool.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + claim)) {
				explain.setInt(1, BATCH);
				explain.setString(2, "bench");
				explain.setLong(3, LEASE.toMillis());
				List<String> lines = new ArrayList<>();
				try (ResultSet result = explain.executeQuery()) {
					while (result.next()) {
						lines.add(result.getString(1));
					}
				}
				return lines;
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			return List.of("EXPLAIN failed: " + ex.getMessage());
		}
	}

}
