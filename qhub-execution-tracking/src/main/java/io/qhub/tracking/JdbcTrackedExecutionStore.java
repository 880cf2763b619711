package io.qhub.tracking;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tracked executions in a database table ({@value #TABLE}) on PostgreSQL or H2, through
 * Spring's JDBC support, so tracking survives a restart and is shared by every instance
 * of the application on the same database. The schema is shipped as
 * {@code io/qhub/tracking/schema-postgresql.sql} and {@code schema-h2.sql} (the Spring
 * Boot starter initialises it as Spring Session does; elsewhere run the script once).
 * <p>
 * Every operation is one statement, however many executions it concerns: a claim leases a
 * batch of due rows at once ({@code UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED
 * LIMIT n) RETURNING …} on PostgreSQL, so concurrent claimants skip each other's rows
 * rather than wait), and the releases and completions of a round are sent as arrays. A
 * row is due when {@code NEXT_POLL_AT} has passed; a claim sets it to the end of the
 * lease, so a single index on it serves the claim. Every time is taken from the
 * database's clock ({@code STATEMENT_TIMESTAMP()} on PostgreSQL,
 * {@code CURRENT_TIMESTAMP} on H2) and stored as epoch milliseconds: the instances' own
 * clocks never enter a lease. The dialect is found from the connection at the first
 * statement, so a store can be created while the database is down.
 */
public final class JdbcTrackedExecutionStore implements TrackedExecutionStore {

	/** The table's name. */
	public static final String TABLE = "QHUB_TRACKED_EXECUTION";

	private static final Comparator<TrackedExecution> DUE_FIRST = Comparator.comparing(TrackedExecution::nextPollAt);

	private final JdbcOperations jdbc;

	private volatile @Nullable TrackingSql sql;

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
	public boolean add(String service, String id, Duration firstPollIn) {
		try {
			return this.jdbc.update(sql().add(), service, id, firstPollIn.toMillis()) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public List<TrackedClaim> claimDue(String owner, Duration lease, int limit) {
		TrackingSql dialect = sql();
		long leaseMillis = lease.toMillis();
		Object[] arguments = (dialect == TrackingSql.POSTGRESQL) ? new Object[] { limit, owner, leaseMillis }
				: new Object[] { leaseMillis, owner, owner, leaseMillis, limit };
		List<TrackedClaim> claims = new ArrayList<>(this.jdbc.query(dialect.claim(),
				(row, number) -> new TrackedClaim(execution(row), row.getString(9) != null), arguments));
		claims.sort(Comparator.comparing(TrackedClaim::execution, DUE_FIRST));
		return claims;
	}

	@Override
	public int reschedule(List<NextPoll> nextPolls) {
		if (nextPolls.isEmpty()) {
			return 0;
		}
		return this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(sql().reschedule())) {
				List<TrackedExecution> executions = nextPolls.stream().map(NextPoll::execution).toList();
				bindKeys(connection, statement, executions);
				statement.setArray(4, longs(connection, nextPolls, (next) -> next.dueIn().toMillis()));
				statement.setArray(5, longs(connection, nextPolls, (next) -> (long) next.execution().polls()));
				statement.setArray(6,
						longs(connection, nextPolls, (next) -> (long) next.execution().failedDeliveries()));
				return statement.executeUpdate();
			}
		});
	}

	@Override
	public int complete(List<TrackedExecution> delivered) {
		if (delivered.isEmpty()) {
			return 0;
		}
		return this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(sql().complete())) {
				bindIds(connection, statement, delivered);
				return statement.executeUpdate();
			}
		});
	}

	@Override
	public boolean remove(String service, String id) {
		return this.jdbc.update("DELETE FROM " + TABLE + " WHERE SERVICE = ? AND EXECUTION_ID = ?", service, id) == 1;
	}

	@Override
	public List<TrackedExecution> list(int limit) {
		return this.jdbc.query("SELECT " + TrackingSql.COLUMNS + " FROM " + TABLE
				+ " ORDER BY NEXT_POLL_AT, SERVICE, EXECUTION_ID " + "LIMIT ?", (row, number) -> execution(row), limit);
	}

	@Override
	public TrackingSummary summary() {
		Map<String, Long> tracked = new TreeMap<>();
		Map<String, Long> due = new TreeMap<>();
		this.jdbc.query(sql().summary(), (ResultSet row) -> {
			tracked.put(row.getString(1), row.getLong(2));
			due.put(row.getString(1), row.getLong(3));
		});
		return new TrackingSummary(tracked, due);
	}

	@Override
	public boolean shared() {
		return true;
	}

	private TrackingSql sql() {
		TrackingSql dialect = this.sql;
		if (dialect == null) {
			String product = this.jdbc.execute(
					(ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName());
			dialect = TrackingSql.of(Objects.requireNonNull(product, "the database's product name"));
			this.sql = dialect;
		}
		return dialect;
	}

	private static void bindKeys(Connection connection, PreparedStatement statement, List<TrackedExecution> executions)
			throws SQLException {
		bindIds(connection, statement, executions);
		statement.setArray(3, longs(connection, executions, TrackedExecution::claim));
	}

	private static void bindIds(Connection connection, PreparedStatement statement, List<TrackedExecution> executions)
			throws SQLException {
		statement.setArray(1,
				connection.createArrayOf("varchar", executions.stream().map(TrackedExecution::service).toArray()));
		statement.setArray(2,
				connection.createArrayOf("varchar", executions.stream().map(TrackedExecution::id).toArray()));
	}

	private static <T> Array longs(Connection connection, List<T> items, Function<T, Long> value) throws SQLException {
		return connection.createArrayOf("bigint", items.stream().map(value).toArray());
	}

	private static TrackedExecution execution(ResultSet row) throws SQLException {
		return new TrackedExecution(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
				Instant.ofEpochMilli(row.getLong(4)), row.getInt(5), row.getInt(6), row.getString(7), row.getLong(8));
	}

	@Override
	public String toString() {
		return "JdbcTrackedExecutionStore[" + TABLE + "]";
	}

}
