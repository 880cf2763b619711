package io.qhub.benchmarks;

import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.JdbcTrackedExecutionStore;

/**
 * Part (a) of scenario 9: one tracker on the JDBC store, its statements counted on the
 * way to PostgreSQL ({@link StatementCounter}), its status polls counted at the gateway.
 * Each execution is tracked as soon as it is started, as an application does, so every
 * poll of its life is counted; the count ends once the table is empty (the last
 * completions written).
 */
final class StatementsPerPoll {

	/** The settings: a 3 s lease, a 200 ms tick. */
	static final Duration LEASE = Duration.ofSeconds(3);

	/** See {@link #LEASE}. */
	static final Duration TICK = Duration.ofMillis(200);

	private StatementsPerPoll() {
	}

	/**
	 * Tracks executions until all are delivered and counts.
	 * @param database the database, its table emptied first
	 * @param gateway the gateway, its recording reset first
	 * @param executions how many executions
	 * @param length how long each runs (the gateway's setting, for the row)
	 * @return the row
	 * @throws InterruptedException when interrupted
	 */
	static ScenarioResult measure(EmbeddedDatabase database, LocalHubGateway gateway, int executions, Duration length)
			throws InterruptedException {
		database.clear();
		StatementCounter counter = new StatementCounter();
		Deliveries deliveries = new Deliveries();
		Target target = Target.remote(gateway.serviceEndpoint(), gateway.tokenEndpoint(), Workload.ACCESS_KEY_ID,
				Workload.SECRET_ACCESS_KEY);
		try (HikariDataSource pool = EmbeddedDatabase.pool(database.jdbcUrl(), "tracker");
				HubServiceClient client = target.clientBuilder().build()) {
			ReactiveHubServiceClient hub = client.reactive();
			hub.checkCredentials().block();
			gateway.resetRecording();
			long started = System.nanoTime();
			boolean drained;
			int tracked;
			try (HubExecutionTracker tracker = HubExecutionTracker.builder()
				.client("default", hub)
				.store(new JdbcTrackedExecutionStore(counter.wrap(pool)))
				.lease(LEASE)
				.tick(TICK)
				.listener(deliveries)
				.build()) {
				tracked = TrackedStarts.startAndTrack(hub, tracker, executions, "");
				deliveries.await(tracked, Duration.ofMinutes(5));
				drained = Waiting.until(() -> database.tracked() == 0, Duration.ofSeconds(30));
			}
			double seconds = Measurements.secondsSince(started);
			Map<String, Long> statements = counter.counts();
			long total = counter.total();
			long polls = gateway.callCount(GatewayOperation.GET_STATUS);
			double perPoll = (polls > 0) ? total / (double) polls : Double.NaN;
			return new ScenarioResult("9-jdbc-tracking",
					"statements per poll, " + executions + " executions of " + length.toSeconds() + " s, 1 instance")
				.put(ScenarioResult.N, executions)
				.put(ScenarioResult.WALL_SECONDS, seconds)
				.put("statusPolls", polls)
				.put("pollsPerExecution", polls / (double) executions)
				.put("statements", total)
				.put("statementsPerPoll", perPoll)
				.put("statementsByKind", statements)
				.put("perPollByKind", perPoll(statements, polls))
				.put("statementsPerPollWithoutInserts",
						(polls > 0) ? (total - statements.getOrDefault(StatementCounter.INSERT, 0L)) / (double) polls
								: Double.NaN)
				.put("failedStarts", executions - tracked)
				.put("delivered", deliveries.distinct())
				.put("deliveredTwice", deliveries.total() - deliveries.distinct())
				.put("tableEmptied", drained)
				.put("leaseAndTick", LEASE.toMillis() + " ms / " + TICK.toMillis() + " ms")
				.put(ScenarioResult.TARGET, "<= 1.0 statement per status poll; all delivered once")
				.put("targetMet",
						perPoll <= 1.0 && deliveries.distinct() == executions && deliveries.total() == executions);
		}
	}

	private static Map<String, Double> perPoll(Map<String, Long> statements, long polls) {
		Map<String, Double> perPoll = new java.util.LinkedHashMap<>();
		statements.forEach((kind, count) -> perPoll.put(kind,
				(polls > 0) ? Math.round(count * 1000.0 / polls) / 1000.0 : Double.NaN));
		return perPoll;
	}

}
