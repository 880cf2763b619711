package io.qhub.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.tracking.HubExecutionFinished;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.qhub.tracking.TrackingStatistics.Event;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;
import reactor.core.publisher.Flux;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tracking failures as operators meet them (issue 21, item 5), on the real stack: a
 * {@link io.qhub.test.gateway.LocalHubGateway} on loopback and real databases (H2, the
 * shared embedded PostgreSQL, and PostgreSQL servers of their own that are started late,
 * stopped and restarted). Lease 1 s, tick 100 ms unless a case says otherwise. Each case
 * prints its figures ({@code METRIC} lines): deliveries, duplicates, take-overs, time.
 */
class TrackingFailuresIntegrationTests {

	private static final String TRACKER_LOG = "io.qhub.tracking.HubExecutionTracker";

	private final TrackingStack stack = new TrackingStack(Duration.ofMillis(300));

	@BeforeAll
	static void startDatabases() {
		EmbeddedDatabases.start();
	}

	@AfterAll
	static void stopDatabases() {
		EmbeddedDatabases.stop();
	}

	static Stream<String> databases() {
		return Stream.of("h2", "postgresql");
	}

	static Stream<Arguments> slowListeners() {
		return Stream.of(Arguments.of("h2", 600L), Arguments.of("postgresql", 600L), Arguments.of("postgresql", 1200L));
	}

	@AfterEach
	void close() {
		this.stack.close();
	}

	/**
	 * The database down at startup. Decided (from the code): building the tracker
	 * succeeds (the store finds its dialect at its first statement, and the tracker
	 * touches the database only in its rounds); {@code track} throws the store's
	 * {@link DataAccessException}, so the caller knows the execution is not tracked; the
	 * first failed round logs a WARN ("Claiming tracked executions failed"), the next
	 * ones (a tick apart) only at DEBUG. Once the database is up and has the schema,
	 * tracking works without a restart of the application.
	 */
	@Test
	void theDatabaseDownAtStartupRefusesTrackingUntilItIsUp(@TempDir Path directory) throws Exception {
		long started = System.nanoTime();
		int port = freePort();
		PGSimpleDataSource notYetUp = new PGSimpleDataSource();
		notYetUp.setServerNames(new String[] { "localhost" });
		notYetUp.setPortNumbers(new int[] { port });
		notYetUp.setDatabaseName("postgres");
		notYetUp.setUser("postgres");
		notYetUp.setConnectTimeout(2);
		Deliveries deliveries = new Deliveries();
		try (LeakScan logs = LeakScan.capture(Level.WARN)) {
			HubExecutionTracker tracker = this.stack
				.start(this.stack.tracker("a", new JdbcTrackedExecutionStore(notYetUp), deliveries));
			HubServiceClient client = this.stack.client();
			HubServiceExecution refused = client.run(Map.of("refused", true));
			assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> tracker.track(refused));
			TrackingStack.await("a failed round logged", Duration.ofSeconds(5), () -> claimFailures(logs.lines()) >= 1);
			try (EmbeddedPostgres late = EmbeddedPostgres.builder()
				.setPort(port)
				.setDataDirectory(directory.resolve("data"))
				.start()) {
				assertThat(late.getPort()).isEqualTo(port);
				EmbeddedDatabases.freshTrackingTable(notYetUp, "postgresql");
				String key = tracker.track(client.run(Map.of("after", "startup")));
				deliveries.awaitDistinct(1, Duration.ofSeconds(10));
				assertThat(deliveries.byKey()).containsExactly(Map.entry(key, 1));
				TrackingStack.await("an empty store", Duration.ofSeconds(5),
						() -> TrackingStack.rows(notYetUp)[0] == 0);
				long warnings = claimFailures(logs.lines());
				assertThat(warnings).as("failed rounds logged at WARN once, not every tick").isOne();
				System.out.printf(
						"METRIC postgresql down at startup: track() refused with %s; %d WARN for the failed rounds while "
								+ "down; delivered %d after it came up; %.2f s%n",
						DataAccessException.class.getSimpleName(), warnings, deliveries.total(),
						(System.nanoTime() - started) / 1e9);
				tracker.close();
			}
		}
	}

	/**
	 * The database down for a while (stopped and started again on its port and data
	 * directory, longer than a lease) with executions tracked by two instances, their
	 * first polls in flight when it stops (answered 400 ms late, the executions final by
	 * then): nothing is lost, each completion is delivered at least once. A completion
	 * delivered while the database was down is recorded once it is up, unless another
	 * instance took its claim over first: such duplicates (a lost database write, which
	 * the at-least-once contract allows) are counted and printed.
	 */
	@Test
	void theDatabaseDownForAWhileLosesNothing(@TempDir Path directory) throws Exception {
		long started = System.nanoTime();
		int port = freePort();
		Path data = directory.resolve("data");
		int executions = 10;
		EmbeddedPostgres before = postgres(port, data);
		DataSource dataSource = before.getPostgresDatabase();
		EmbeddedDatabases.freshTrackingTable(dataSource, "postgresql");
		try (TrackingStack longer = new TrackingStack(Duration.ofMillis(100))) {
			longer.gateway()
				.inject(InjectedFault.latency(GatewayOperation.GET_STATUS, Duration.ofMillis(400), executions));
			Deliveries deliveries = new Deliveries();
			HubExecutionTracker a = longer
				.start(longer.tracker("a", new JdbcTrackedExecutionStore(dataSource), deliveries));
			HubExecutionTracker b = longer
				.start(longer.tracker("b", new JdbcTrackedExecutionStore(dataSource), deliveries));
			List<HubServiceExecution> running = TrackingStack.run(longer.client(), executions);
			for (int i = 0; i < executions; i++) {
				((i % 2 == 0) ? a : b).track(running.get(i));
			}
			TrackingStack.await("first polls in flight", Duration.ofSeconds(5),
					() -> longer.gateway().injectedFaultCount(GatewayOperation.GET_STATUS) >= executions);
			long stopping = System.nanoTime();
			before.close();
			long stopped = System.nanoTime();
			// down for two leases, while the executions finish
			TrackingStack.pause(TrackingStack.LEASE.multipliedBy(2));
			int deliveredWhileDown = deliveries.total();
			try (EmbeddedPostgres after = postgres(port, data)) {
				assertThat(after.getPort()).as("the same server's port").isEqualTo(port);
				double down = (System.nanoTime() - stopped) / 1e9;
				deliveries.awaitDistinct(executions, Duration.ofSeconds(20));
				TrackingStack.await("an empty store", Duration.ofSeconds(5),
						() -> TrackingStack.rows(dataSource)[0] == 0);
				assertThat(deliveries.byKey()).hasSize(executions);
				System.out.printf(
						"METRIC postgresql down %.1f s (stopping took %.2f s) with %d tracked by 2 instances: %d "
								+ "delivered, %d deliveries (%d while down), %d duplicates; take-overs a %d b %d; "
								+ "%.2f s%n",
						down, (stopped - stopping) / 1e9, executions, deliveries.distinct(), deliveries.total(),
						deliveredWhileDown, deliveries.duplicates(), TrackingStack.count(a, Event.LEASE_TAKEOVER),
						TrackingStack.count(b, Event.LEASE_TAKEOVER), (System.nanoTime() - started) / 1e9);
				a.close();
				b.close();
			}
		}
	}

	/**
	 * A listener slower than half a lease (600 ms of a 1 s lease; and, on PostgreSQL, 1.2
	 * s, longer than a claim), two instances: nothing is lost, and the tracker logs a
	 * WARN naming the slow listener. The answers that wait while an instance's thread is
	 * in the listener are not delivered with less than half their claim left (they are
	 * polled again); a listener longer than a claim lets claims run out meanwhile, so the
	 * other instance may deliver a completion again, but a delivered completion removes
	 * the execution whoever claimed it since, so no completion is delivered more than
	 * once per instance: tracking drains. Duplicates and take-overs are counted and
	 * printed.
	 * @param database the database
	 * @param listenerMillis how long the listener takes
	 */
	@ParameterizedTest(name = "{0}, listener {1} ms")
	@MethodSource("slowListeners")
	void aListenerSlowerThanHalfALeaseLosesNothingAndIsLogged(String database, long listenerMillis) throws Exception {
		long started = System.nanoTime();
		int executions = 10;
		DataSource dataSource = EmbeddedDatabases.freshTrackingTable(EmbeddedDatabases.dataSource(database), database);
		Deliveries deliveries = new Deliveries();
		Consumer<HubExecutionFinished> slow = (finished) -> {
			deliveries.accept(finished);
			TrackingStack.busyFor(Duration.ofMillis(listenerMillis));
		};
		try (LeakScan logs = LeakScan.capture(Level.WARN)) {
			HubExecutionTracker a = this.stack
				.start(this.stack.tracker("a", new JdbcTrackedExecutionStore(dataSource), slow));
			HubExecutionTracker b = this.stack
				.start(this.stack.tracker("b", new JdbcTrackedExecutionStore(dataSource), slow));
			List<HubServiceExecution> running = TrackingStack.run(this.stack.client(), executions);
			for (int i = 0; i < executions; i++) {
				((i % 2 == 0) ? a : b).track(running.get(i));
			}
			deliveries.awaitDistinct(executions, Duration.ofSeconds(30));
			TrackingStack.await("an empty store", Duration.ofSeconds(10), () -> TrackingStack.rows(dataSource)[0] == 0);
			assertThat(deliveries.byKey()).as("at most once per instance")
				.allSatisfy((key, times) -> assertThat(times).as(key).isLessThanOrEqualTo(2));
			assertThat(logs.lines()).anySatisfy(
					(line) -> assertThat(line).contains("The listener took").contains("more than half its claim"));
			System.out.printf(
					"METRIC %s listener of %d ms, lease 1 s, 2 instances: %d delivered, %d deliveries, "
							+ "%d duplicates; take-overs a %d b %d; %.2f s%n",
					database, listenerMillis, deliveries.distinct(), deliveries.total(), deliveries.duplicates(),
					TrackingStack.count(a, Event.LEASE_TAKEOVER), TrackingStack.count(b, Event.LEASE_TAKEOVER),
					(System.nanoTime() - started) / 1e9);
		}
	}

	/**
	 * A tracker closed with 3,000 executions tracked on PostgreSQL and polls in flight:
	 * {@code close()} returns within 10 s (it waits at most a third of the lease for its
	 * last round), no row is lost, none is left claimed, and a successor delivers every
	 * completion once.
	 */
	@Test
	void aTrackerClosedWithThousandsTrackedLosesNoneAndTheSuccessorDeliversEachOnce() throws Exception {
		long started = System.nanoTime();
		int executions = 3000;
		Duration lease = Duration.ofSeconds(3);
		HikariConfig pool = new HikariConfig();
		pool.setDataSource(EmbeddedDatabases.dataSource("postgresql"));
		pool.setMaximumPoolSize(8);
		HikariDataSource dataSource = this.stack.closedLast(new HikariDataSource(pool));
		EmbeddedDatabases.freshTrackingTable(dataSource, "postgresql");
		try (TrackingStack longer = new TrackingStack(Duration.ofSeconds(3))) {
			HubServiceClient client = longer.client();
			List<ReactiveHubServiceExecution> running = Flux.range(0, executions)
				.flatMap((i) -> client.reactive().run(Map.of("i", i)), 64)
				.collectList()
				.block(Duration.ofSeconds(60));
			assertThat(running).hasSize(executions);
			double runSeconds = (System.nanoTime() - started) / 1e9;
			// every status poll of the closing tracker is held (and cut at half its
			// claim):
			// it delivers nothing, and polls are in flight whenever it closes
			longer.gateway()
				.inject(InjectedFault.latency(GatewayOperation.GET_STATUS, Duration.ofSeconds(2), Integer.MAX_VALUE));
			Deliveries deliveries = new Deliveries();
			HubExecutionTracker closing = longer
				.start(longer.tracker("closing", new JdbcTrackedExecutionStore(dataSource), deliveries).lease(lease));
			long tracking = System.nanoTime();
			running.forEach(closing::track);
			double trackSeconds = (System.nanoTime() - tracking) / 1e9;
			TrackingStack.await("polls in flight", Duration.ofSeconds(10),
					() -> longer.gateway().injectedFaultCount(GatewayOperation.GET_STATUS) >= 32);
			long closeStarted = System.nanoTime();
			closing.close();
			double closeSeconds = (System.nanoTime() - closeStarted) / 1e9;
			assertThat(closeSeconds).as("close() within 10 s").isLessThan(10.0);
			long[] rows = TrackingStack.rows(dataSource);
			assertThat(TrackingStack.count(closing, Event.DELIVERY)).as("deliveries before close").isZero();
			assertThat(rows[0]).as("rows after close").isEqualTo(executions);
			assertThat(rows[1]).as("rows left claimed after close").isZero();
			long heldPolls = longer.gateway().injectedFaultCount(GatewayOperation.GET_STATUS);
			longer.gateway().clearFaults();
			HubExecutionTracker successor = longer
				.start(longer.tracker("successor", new JdbcTrackedExecutionStore(dataSource), deliveries)
					.lease(lease)
					.maxConcurrency(256));
			long successorStarted = System.nanoTime();
			deliveries.awaitDistinct(executions, Duration.ofSeconds(60));
			double successorSeconds = (System.nanoTime() - successorStarted) / 1e9;
			assertThat(deliveries.next(Duration.ofSeconds(1))).as("a second delivery").isNull();
			assertThat(deliveries.duplicates()).isZero();
			TrackingStack.await("an empty store", Duration.ofSeconds(10), () -> TrackingStack.rows(dataSource)[0] == 0);
			System.out.printf("METRIC postgresql close with %d tracked: runs started in %.2f s, track() of all %.2f s, "
					+ "held polls %d, close() %.3f s, rows after close %d (claimed %d); successor delivered %d in "
					+ "%.2f s (take-overs %d), duplicates %d; %.2f s%n", executions, runSeconds, trackSeconds,
					heldPolls, closeSeconds, rows[0], rows[1], TrackingStack.count(successor, Event.DELIVERY),
					successorSeconds, TrackingStack.count(successor, Event.LEASE_TAKEOVER), deliveries.duplicates(),
					(System.nanoTime() - started) / 1e9);
		}
	}

	private static long claimFailures(List<String> lines) {
		return lines.stream().filter((line) -> line.contains("Claiming tracked executions failed")).count();
	}

	private static EmbeddedPostgres postgres(int port, Path data) throws IOException {
		return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
