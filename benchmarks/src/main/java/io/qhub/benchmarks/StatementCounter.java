package io.qhub.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Counts the statements sent through a {@link DataSource}: a {@link Proxy} over the data
 * source, its connections and their statements counts every call of {@code execute},
 * {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate} and
 * {@code executeBatch} (one per call, as the database receives them), by kind, read from
 * the statement's SQL text: {@value #CLAIM}, {@value #RELEASE}, {@value #COMPLETION},
 * {@value #INSERT} and {@value #OTHER}. Thread-safe.
 */
public final class StatementCounter {

	/**
	 * A claim: {@code … FOR UPDATE SKIP LOCKED} (PostgreSQL) or an update of H2's
	 * {@code OLD TABLE}.
	 */
	public static final String CLAIM = "claim";

	/** A release of claims: an update setting {@code LEASE_OWNER = NULL}. */
	public static final String RELEASE = "release";

	/** A removal of delivered executions: a {@code DELETE}. */
	public static final String COMPLETION = "completion";

	/** A new tracked execution: an {@code INSERT}. */
	public static final String INSERT = "insert";

	/** Anything else (a summary, a list). */
	public static final String OTHER = "other";

	private static final Set<String> EXECUTING = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate", "executeBatch", "executeLargeBatch");

	private static final Set<String> PREPARING = Set.of("prepareStatement", "prepareCall");

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private final Map<String, String> firstSql = new ConcurrentHashMap<>();

	/**
	 * A data source whose statements this counter counts.
	 * @param dataSource the data source to wrap
	 * @return the counting data source
	 */
	public DataSource wrap(DataSource dataSource) {
		return proxy(DataSource.class, dataSource, (target, method, args) -> {
			Object result = call(target, method, args);
			return (result instanceof Connection connection) ? connection(connection) : result;
		});
	}

	/**
	 * The statements counted so far, by kind, in a fixed order.
	 * @return the counts
	 */
	public Map<String, Long> counts() {
		Map<String, Long> snapshot = new LinkedHashMap<>();
		for (String kind : new String[] { CLAIM, RELEASE, COMPLETION, INSERT, OTHER }) {
			snapshot.put(kind, count(kind).get());
		}
		return snapshot;
	}

	/**
	 * All statements counted so far.
	 * @return the total
	 */
	public long total() {
		return counts().values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * The SQL text of the first statement of a kind seen.
	 * @param kind the kind, e.g. {@value #CLAIM}
	 * @return the text, or {@code null} when none was seen
	 */
	public @Nullable String sql(String kind) {
		return this.firstSql.get(kind);
	}

	/** Sets every count to zero. */
	public void reset() {
		this.counts.clear();
	}

	/**
	 * The kind of a statement, from its SQL text.
	 * @param sql the text
	 * @return the kind
	 */
	static String kind(String sql) {
		String text = sql.strip().toUpperCase(Locale.ROOT);
		if (text.contains("SKIP LOCKED") || text.contains("OLD TABLE")) {
			return CLAIM;
		}
		if ((text.startsWith("UPDATE") || text.startsWith("MERGE")) && text.contains("LEASE_OWNER = NULL")) {
			return RELEASE;
		}
		if (text.startsWith("DELETE")) {
			return COMPLETION;
		}
		if (text.startsWith("INSERT")) {
			return INSERT;
		}
		return OTHER;
	}

	private Connection connection(Connection connection) {
		return proxy(Connection.class, connection, (target, method, args) -> {
			Object result = call(target, method, args);
			if (result instanceof PreparedStatement statement && PREPARING.contains(method.getName())) {
				String sql = String.valueOf(args[0]);
				Class<? extends Statement> type = (result instanceof CallableStatement) ? CallableStatement.class
						: PreparedStatement.class;
				return statement(type, statement, sql);
			}
			if (result instanceof Statement statement && method.getName().equals("createStatement")) {
				return statement(Statement.class, statement, null);
			}
			return result;
		});
	}

	private <S extends Statement> S statement(Class<S> type, Statement statement, @Nullable String prepared) {
		return proxy(type, type.cast(statement), (target, method, args) -> {
			if (EXECUTING.contains(method.getName())) {
				String sql = (prepared != null) ? prepared
						: (args != null && args.length > 0 && args[0] instanceof String text) ? text : "";
				String kind = kind(sql);
				count(kind).incrementAndGet();
				this.firstSql.putIfAbsent(kind, sql);
			}
			return call(target, method, args);
		});
	}

	private AtomicLong count(String kind) {
		return this.counts.computeIfAbsent(kind, (key) -> new AtomicLong());
	}

	private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
		InvocationHandler invocation = (proxy, method, args) -> handler.invoke(target, method, args);
		return type
			.cast(Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type }, invocation));
	}

	private static @Nullable Object call(Object target, Method method, @Nullable Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Handles a call on a proxy.
	 *
	 * @param <T> the proxied type
	 */
	@FunctionalInterface
	private interface Handler<T> {

		@Nullable Object invoke(T target, Method method, @Nullable Object[] args) throws Throwable;

	}

}
