package io.qhub.tracking;

/**
 * The statements of the {@link JdbcTrackedExecutionStore} in one database's dialect. Each
 * operation of the store is one statement, whatever the number of executions it concerns:
 * a claim selects and leases a batch at once (on PostgreSQL skipping rows another
 * claimant has locked), releases and completions take arrays of keys and fencing tokens.
 * Every time is the database's: {@code {now}} in a statement stands for the statement's
 * time on the database's clock, in epoch milliseconds.
 */
enum TrackingSql {

	/** PostgreSQL 12 and later. */
	POSTGRESQL("(EXTRACT(EPOCH FROM STATEMENT_TIMESTAMP()) * 1000)::BIGINT",
			"INSERT INTO QHUB_TRACKED_EXECUTION (SERVICE, EXECUTION_ID, TRACKED_AT, NEXT_POLL_AT, POLLS, "
					+ "FAILED_DELIVERIES, LEASE_OWNER, CLAIM) VALUES (?, ?, {now}, {now} + ?, 0, 0, NULL, 0) "
					+ "ON CONFLICT DO NOTHING",
			"WITH DUE AS (SELECT SERVICE, EXECUTION_ID, LEASE_OWNER FROM QHUB_TRACKED_EXECUTION "
					+ "WHERE NEXT_POLL_AT <= {now} ORDER BY NEXT_POLL_AT LIMIT ? FOR UPDATE SKIP LOCKED) "
					+ "UPDATE QHUB_TRACKED_EXECUTION E SET LEASE_OWNER = ?, CLAIM = E.CLAIM + 1, "
					+ "NEXT_POLL_AT = {now} + ? FROM DUE WHERE E.SERVICE = DUE.SERVICE "
					+ "AND E.EXECUTION_ID = DUE.EXECUTION_ID RETURNING E.SERVICE, E.EXECUTION_ID, E.TRACKED_AT, "
					+ "E.NEXT_POLL_AT, E.POLLS, E.FAILED_DELIVERIES, E.LEASE_OWNER, E.CLAIM, DUE.LEASE_OWNER",
			"UPDATE QHUB_TRACKED_EXECUTION E SET NEXT_POLL_AT = {now} + V.DUE_IN, POLLS = V.POLLS, "
					+ "FAILED_DELIVERIES = V.FAILED_DELIVERIES, LEASE_OWNER = NULL "
					+ "FROM UNNEST(?::VARCHAR[], ?::VARCHAR[], ?::BIGINT[], ?::BIGINT[], ?::BIGINT[], ?::BIGINT[]) "
					+ "AS V(SERVICE, EXECUTION_ID, CLAIM, DUE_IN, POLLS, FAILED_DELIVERIES) "
					+ "WHERE E.SERVICE = V.SERVICE AND E.EXECUTION_ID = V.EXECUTION_ID AND E.CLAIM = V.CLAIM",
			"DELETE FROM QHUB_TRACKED_EXECUTION E USING UNNEST(?::VARCHAR[], ?::VARCHAR[]) "
					+ "AS V(SERVICE, EXECUTION_ID) WHERE E.SERVICE = V.SERVICE AND E.EXECUTION_ID = V.EXECUTION_ID"),

	/** H2 2.x. */
	H2("DATEDIFF(MILLISECOND, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP)",
			"INSERT INTO QHUB_TRACKED_EXECUTION (SERVICE, EXECUTION_ID, TRACKED_AT, NEXT_POLL_AT, POLLS, "
					+ "FAILED_DELIVERIES, LEASE_OWNER, CLAIM) VALUES (?, ?, {now}, {now} + ?, 0, 0, NULL, 0)",
			"SELECT SERVICE, EXECUTION_ID, TRACKED_AT, {now} + ?, POLLS, FAILED_DELIVERIES, CAST(? AS VARCHAR(200)), CLAIM + 1, "
					+ "LEASE_OWNER FROM OLD TABLE (UPDATE QHUB_TRACKED_EXECUTION SET LEASE_OWNER = ?, "
					+ "CLAIM = CLAIM + 1, NEXT_POLL_AT = {now} + ? WHERE NEXT_POLL_AT <= {now} AND "
					+ "(SERVICE, EXECUTION_ID) IN (SELECT SERVICE, EXECUTION_ID FROM QHUB_TRACKED_EXECUTION "
					+ "WHERE NEXT_POLL_AT <= {now} ORDER BY NEXT_POLL_AT LIMIT ?))",
			"MERGE INTO QHUB_TRACKED_EXECUTION E USING (SELECT * FROM UNNEST(CAST(? AS VARCHAR ARRAY), "
					+ "CAST(? AS VARCHAR ARRAY), CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY), "
					+ "CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY))) "
					+ "V(SERVICE, EXECUTION_ID, CLAIM, DUE_IN, POLLS, FAILED_DELIVERIES) "
					+ "ON E.SERVICE = V.SERVICE AND E.EXECUTION_ID = V.EXECUTION_ID AND E.CLAIM = V.CLAIM "
					+ "WHEN MATCHED THEN UPDATE SET NEXT_POLL_AT = {now} + V.DUE_IN, POLLS = V.POLLS, "
					+ "FAILED_DELIVERIES = V.FAILED_DELIVERIES, LEASE_OWNER = NULL",
			"DELETE FROM QHUB_TRACKED_EXECUTION WHERE (SERVICE, EXECUTION_ID) IN (SELECT * FROM "
					+ "UNNEST(CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY)))");

	/** The columns of a {@link TrackedExecution}, in its order. */
	static final String COLUMNS = "SERVICE, EXECUTION_ID, TRACKED_AT, NEXT_POLL_AT, POLLS, FAILED_DELIVERIES, "
			+ "LEASE_OWNER, CLAIM";

	private final String now;

	private final String add;

	private final String claim;

	private final String reschedule;

	private final String complete;

	TrackingSql(String now, String add, String claim, String reschedule, String complete) {
		this.now = now;
		this.add = add;
		this.claim = claim;
		this.reschedule = reschedule;
		this.complete = complete;
	}

	/**
	 * The dialect of a database.
	 * @param productName the database's product name, as its JDBC driver reports it
	 * @return the dialect
	 * @throws IllegalStateException for a database other than PostgreSQL and H2
	 */
	static TrackingSql of(String productName) {
		if (productName.toLowerCase(java.util.Locale.ROOT).contains("postgresql")) {
			return POSTGRESQL;
		}
		if (productName.equalsIgnoreCase("H2")) {
			return H2;
		}
		throw new IllegalStateException("JdbcTrackedExecutionStore supports PostgreSQL and H2, not " + productName
				+ "; implement TrackedExecutionStore for it, or track in memory");
	}

	/**
	 * Adds an execution, or nothing when it is tracked: service, id, delay of the first
	 * poll in milliseconds.
	 * @return the statement
	 */
	String add() {
		return clocked(this.add);
	}

	/**
	 * Claims a batch: on PostgreSQL limit, owner, lease in milliseconds; on H2 lease,
	 * owner, owner, lease, limit. Answers {@link #COLUMNS} as claimed, then the previous
	 * lease owner.
	 * @return the statement
	 */
	String claim() {
		return clocked(this.claim);
	}

	/**
	 * Releases a batch: arrays of services, ids, fencing tokens, delays in milliseconds,
	 * polls and failed deliveries.
	 * @return the statement
	 */
	String reschedule() {
		return clocked(this.reschedule);
	}

	/**
	 * Removes a batch: arrays of services and ids.
	 * @return the statement
	 */
	String complete() {
		return clocked(this.complete);
	}

	/**
	 * Counts the tracked and the due executions by service.
	 * @return the statement
	 */
	String summary() {
		return clocked("SELECT SERVICE, COUNT(*), SUM(CASE WHEN NEXT_POLL_AT <= {now} THEN 1 ELSE 0 END) "
				+ "FROM QHUB_TRACKED_EXECUTION GROUP BY SERVICE");
	}

	private String clocked(String statement) {
		return statement.replace("{now}", this.now);
	}

}
