package io.qhub.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tracked executions in a database table ({@value #TABLE}), through Spring's JDBC
 * support, so tracking survives a restart and is shared by every instance of the
 * application on the same database. The schema for H2 and PostgreSQL is shipped as
 * {@code io/qhub/tracking/schema-h2.sql} and {@code schema-postgresql.sql} (the Spring
 * Boot starter initialises it as Spring Session does; elsewhere run the script once).
 * <p>
 * Leases are row leases: a tracker claims a due row with a conditional {@code UPDATE}
 * that succeeds only while the row is due and its lease is free or ran out, which the
 * database applies to one claimant at a time (row locks; a concurrent claimant re-reads
 * the row and finds it taken), so each execution is polled by one instance at a time
 * without holding a transaction open across the poll. Times are stored as epoch
 * milliseconds taken from the trackers' clocks, which must agree to well within a lease
 * period.
 */
public final class JdbcTrackedExecutionStore implements TrackedExecutionStore {

	/** The table's name. */
	public static final String TABLE = "QHUB_TRACKED_EXECUTION";

	private static final String COLUMNS = "SERVICE, EXECUTION_ID, TRACKED_AT, NEXT_POLL_AT, POLLS";

	private final JdbcOperations jdbc;

	/**
	 * A store on a data source.
	 * @param dataSource the database holding {@value #TABLE}
	 */
	public JdbcTrackedExecutionStore(DataSource dataSource) {
		this(new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource must not be null")));
	}

	/**
	 * A store on Spring's JDBC operations.
	 * @param jdbc the operations, on the database holding {@value #TABLE}
	 */
	public JdbcTrackedExecutionStore(JdbcOperations jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc must not be null");
	}

	@Override
	public boolean add(TrackedExecution execution) {
		try {
			return this.jdbc.update(
					"INSERT INTO " + TABLE + " (" + COLUMNS + ", LEASE_UNTIL) VALUES (?, ?, ?, ?, ?, 0)",
					execution.service(), execution.id(), execution.trackedAt().toEpochMilli(),
					execution.nextPollAt().toEpochMilli(), execution.polls()) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public List<TrackedExecution> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
		long nowMillis = now.toEpochMilli();
		List<TrackedExecution> candidates = this.jdbc.query(
				"SELECT " + COLUMNS + " FROM " + TABLE
						+ " WHERE NEXT_POLL_AT <= ? AND LEASE_UNTIL <= ? ORDER BY NEXT_POLL_AT LIMIT ?",
				JdbcTrackedExecutionStore::row, nowMillis, nowMillis, limit);
		List<TrackedExecution> claimed = new ArrayList<>();
		for (TrackedExecution candidate : candidates) {
			int updated = this.jdbc.update(
					"UPDATE " + TABLE + " SET LEASE_OWNER = ?, LEASE_UNTIL = ? WHERE SERVICE = ? "
							+ "AND EXECUTION_ID = ? AND NEXT_POLL_AT <= ? AND LEASE_UNTIL <= ?",
					owner, leaseUntil.toEpochMilli(), candidate.service(), candidate.id(), nowMillis, nowMillis);
			if (updated == 1) {
				claimed.add(candidate);
			}
		}
		return claimed;
	}

	@Override
	public boolean reschedule(TrackedExecution execution, String owner) {
		return this.jdbc.update(
				"UPDATE " + TABLE + " SET NEXT_POLL_AT = ?, POLLS = ?, LEASE_OWNER = NULL, "
						+ "LEASE_UNTIL = 0 WHERE SERVICE = ? AND EXECUTION_ID = ? AND LEASE_OWNER = ?",
				execution.nextPollAt().toEpochMilli(), execution.polls(), execution.service(), execution.id(),
				owner) == 1;
	}

	@Override
	public boolean complete(TrackedExecution execution, String owner) {
		return this.jdbc.update("DELETE FROM " + TABLE + " WHERE SERVICE = ? AND EXECUTION_ID = ? AND LEASE_OWNER = ?",
				execution.service(), execution.id(), owner) == 1;
	}

	@Override
	public boolean remove(String service, String id) {
		return this.jdbc.update("DELETE FROM " + TABLE + " WHERE SERVICE = ? AND EXECUTION_ID = ?", service, id) == 1;
	}

	@Override
	public List<TrackedExecution> list() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY NEXT_POLL_AT",
				JdbcTrackedExecutionStore::row);
	}

	@Override
	public boolean shared() {
		return true;
	}

	private static TrackedExecution row(ResultSet row, int number) throws SQLException {
		return new TrackedExecution(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
				Instant.ofEpochMilli(row.getLong(4)), row.getInt(5));
	}

	@Override
	public String toString() {
		return "JdbcTrackedExecutionStore[" + TABLE + "]";
	}

}
