package io.qhub.it;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.tracking.HubExecutionFinished;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.qhub.tracking.TrackingStatistics.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One delivery per claim (issue 21, items 1 and 2) on the real stack: a
 * {@link io.qhub.test.gateway.LocalHubGateway} that holds the first status polls, and the
 * JDBC store on a real H2 and a real PostgreSQL ({@link EmbeddedDatabases}). Lease 1 s,
 * tick 100 ms: a claim holds 900 ms, a poll is cut 450 ms after its claim. Each case
 * counts deliveries by idempotency key and prints its figures ({@code METRIC} lines).
 * <p>
 * A poll held longer than half its claim no longer lets the claim run out: the poll is
 * cut and its release written while the claim holds
 * ({@link #heldPollsAreCutWhileTheirClaimsHold(String)}). A claim runs out under a live
 * poll only when the instance stalls (its scheduler thread busy, here with a slow
 * listener; elsewhere a long GC pause) or is cut off from the store; the other cases make
 * it so, check that take-overs happened (so the race was run), and that the stale answers
 * then change nothing. Checked to fail: with the fencing token dropped from the store's
 * release statement ({@code AND E.CLAIM = V.CLAIM}, both dialects), both of those cases
 * deliver completions twice on H2 and on PostgreSQL.
 */
class TrackingFencingIntegrationTests {

	/**
	 * The lease of the stalled instance: long enough a poll limit to hold its first polls
	 * in.
	 */
	private static final Duration STALL_LEASE = Duration.ofSeconds(3);

	private static final int HELD = 10;

	private final TrackingStack stack = new TrackingStack(Duration.ofMillis(800));

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

	@AfterEach
	void close() throws Exception {
		this.stack.close();
	}

	/**
	 * The restart race as reported (first polls answering after more than half
	 * the claim): each held poll is cut 450 ms after its claim and its execution released
	 * while the claim holds, so no claim runs out and each completion is delivered once.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void heldPollsAreCutWhileTheirClaimsHold(String database) throws Exception {
		DataSource dataSource = table(database);
		long started = System.nanoTime();
		holdFirstPolls(HELD, Duration.ofSeconds(2));
		Deliveries deliveries = new Deliveries();
		HubExecutionTracker tracker = this.stack
			.start(this.stack.tracker("a", new JdbcTrackedExecutionStore(dataSource), deliveries));
		HubServiceClient client = this.stack.client();
		TrackingStack.run(client, HELD).forEach(tracker::track);
		deliveries.awaitDistinct(HELD, Duration.ofSeconds(20));
		assertThat(deliveries.next(TrackingStack.LEASE.plusMillis(500))).as("a second delivery").isNull();
		assertDeliveredOnceAndUntracked(deliveries, HELD, dataSource);
		assertThat(TrackingStack.count(tracker, Event.FAILED_POLL)).as("held polls cut").isGreaterThanOrEqualTo(HELD);
		assertThat(TrackingStack.count(tracker, Event.LEASE_TAKEOVER)).as("claims that ran out").isZero();
		metric(database, "held polls, one instance", deliveries, tracker, started);
	}

	/**
	 * The restart race on one instance (lease 3 s): while the first polls are held (1.2
	 * s), the instance's scheduler thread stalls (a listener busy for 1.5 leases on
	 * another completion), so the late answers ("still running") cannot be handled before
	 * their claims run out; the same instance claims the executions again (lease
	 * take-overs) and polls them again (held 300 ms), and the stale releases, written
	 * meanwhile, would make the executions due within 200 ms: fenced off, they change
	 * nothing (were they applied, a third claim would deliver each completion a second
	 * time). Each completion is delivered once.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void theSameInstanceReclaimsAfterAStallAndDeliversOnce(String database) throws Exception {
		DataSource dataSource = table(database);
		long started = System.nanoTime();
		HubServiceClient client = this.stack.client();
		HubServiceExecution blocker = client.run(Map.of("blocker", true));
		blocker.waitForFinalState();
		String blockerKey = TrackingStack.SERVICE + "/" + blocker.id();
		Deliveries deliveries = new Deliveries();
		AtomicBoolean stalled = new AtomicBoolean();
		Consumer<HubExecutionFinished> stalling = (finished) -> {
			deliveries.accept(finished);
			if (finished.idempotencyKey().equals(blockerKey) && stalled.compareAndSet(false, true)) {
				TrackingStack.busyFor(STALL_LEASE.multipliedBy(3).dividedBy(2));
			}
		};
		// held for most of the poll limit (half of the 2.9 s claim), so the blocker is
		// delivered and the stall begins before they answer, however loaded the machine
		holdFirstPolls(HELD, Duration.ofMillis(1200));
		HubExecutionTracker tracker = this.stack
			.start(this.stack.tracker("a", new JdbcTrackedExecutionStore(dataSource), stalling).lease(STALL_LEASE));
		TrackingStack.run(client, HELD).forEach(tracker::track);
		awaitHeldPolls(HELD);
		tracker.track(blocker);
		TrackingStack.await("the stall", Duration.ofSeconds(5), stalled::get);
		// the re-claims' polls
		holdFirstPolls(HELD, Duration.ofMillis(300));
		deliveries.awaitDistinct(HELD + 1, Duration.ofSeconds(30));
		assertThat(deliveries.next(STALL_LEASE.plusMillis(500))).as("a second delivery").isNull();
		assertDeliveredOnceAndUntracked(deliveries, HELD + 1, dataSource);
		assertThat(TrackingStack.count(tracker, Event.LEASE_TAKEOVER)).as("lease take-overs (the race was run)")
			.isEqualTo(HELD);
		metric(database, "held polls, instance stalled, same instance reclaims", deliveries, tracker, started);
	}

	/**
	 * The restart race across instances: the first instance ({@code a}) is cut off from
	 * the store while its first polls are held (300 ms), so it cannot write their answers
	 * ("still running"); a successor with the same instance id (a restart) takes the
	 * executions over once the claims run out, and the old instance, plugged in again
	 * while the successor's polls are held (300 ms), writes its stale releases, which
	 * would make the executions due within 200 ms: fenced off, they change nothing (were
	 * they applied, as an owner check alone would let them be, a third claim would
	 * deliver each completion a second time). Each completion is delivered once, by the
	 * successor.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void aSuccessorTakesOverAndTheOldInstancesLateAnswersChangeNothing(String database) throws Exception {
		DataSource dataSource = table(database);
		long started = System.nanoTime();
		UnpluggableDataSource cable = new UnpluggableDataSource(dataSource);
		holdFirstPolls(HELD, Duration.ofMillis(300));
		// the successor's polls answer after 300 ms, so the old instance's stale writes
		// land while the successor's claims hold
		holdFirstPolls(HELD, Duration.ofMillis(300));
		Deliveries deliveries = new Deliveries();
		HubExecutionTracker old = this.stack
			.start(this.stack.tracker("a", new JdbcTrackedExecutionStore(cable), deliveries));
		TrackingStack.run(this.stack.client(), HELD).forEach(old::track);
		awaitHeldPolls(HELD);
		cable.unplug();
		HubExecutionTracker successor = this.stack
			.start(this.stack.tracker("a", new JdbcTrackedExecutionStore(dataSource), deliveries));
		TrackingStack.await("the successor's lease take-overs", Duration.ofSeconds(5),
				() -> TrackingStack.count(successor, Event.LEASE_TAKEOVER) >= HELD);
		cable.plugIn();
		deliveries.awaitDistinct(HELD, Duration.ofSeconds(20));
		assertThat(deliveries.next(TrackingStack.LEASE.plusMillis(500))).as("a second delivery").isNull();
		assertDeliveredOnceAndUntracked(deliveries, HELD, dataSource);
		assertThat(TrackingStack.count(successor, Event.LEASE_TAKEOVER)).as("lease take-overs (the race was run)")
			.isEqualTo(HELD);
		assertThat(TrackingStack.count(old, Event.CLAIM)).as("the old instance's claims").isEqualTo(HELD);
		assertThat(TrackingStack.count(old, Event.DELIVERY)).as("deliveries by the old instance").isZero();
		assertThat(TrackingStack.count(successor, Event.DELIVERY)).isEqualTo(HELD);
		metric(database, "held polls, old instance cut off, successor takes over", deliveries, successor, started);
	}

	/**
	 * Two instances whose clocks differ by 10 s, on one PostgreSQL, status answers taking
	 * 150 ms as a remote gateway's do: leases are on the database's clock, so neither
	 * claims what the other holds; each completion is delivered once, and both instances
	 * did poll.
	 */
	@Test
	void instancesWhoseClocksDifferBy10SecondsDeliverEachCompletionOnce() throws Exception {
		DataSource dataSource = table("postgresql");
		long started = System.nanoTime();
		int executions = 20;
		// executions of 1.5 s: several polls each, claimed by either instance
		try (TrackingStack slow = new TrackingStack(Duration.ofMillis(1500))) {
			slow.gateway()
				.inject(InjectedFault.latency(GatewayOperation.GET_STATUS, Duration.ofMillis(150), Integer.MAX_VALUE));
			Deliveries deliveries = new Deliveries();
			HubExecutionTracker ahead = slow
				.start(slow.tracker("ahead", new JdbcTrackedExecutionStore(dataSource), deliveries)
					.clock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(10))));
			HubExecutionTracker behind = slow
				.start(slow.tracker("behind", new JdbcTrackedExecutionStore(dataSource), deliveries));
			List<HubServiceExecution> running = TrackingStack.run(slow.client(), executions);
			for (int i = 0; i < executions; i++) {
				((i % 2 == 0) ? ahead : behind).track(running.get(i));
			}
			deliveries.awaitDistinct(executions, Duration.ofSeconds(20));
			assertThat(deliveries.next(TrackingStack.LEASE.plusMillis(500))).as("a second delivery").isNull();
			assertDeliveredOnceAndUntracked(deliveries, executions, dataSource);
			assertThat(TrackingStack.count(ahead, Event.CLAIM)).as("claims by the instance ahead").isPositive();
			assertThat(TrackingStack.count(behind, Event.CLAIM)).as("claims by the instance behind").isPositive();
			assertThat(TrackingStack.count(ahead, Event.CLAIM) + TrackingStack.count(behind, Event.CLAIM))
				.as("polls per execution")
				.isGreaterThan(2L * executions);
			metric("postgresql", "clocks 10 s apart, instance ahead", deliveries, ahead, started);
			metric("postgresql", "clocks 10 s apart, instance behind", deliveries, behind, started);
		}
	}

	private static DataSource table(String database) {
		return EmbeddedDatabases.freshTrackingTable(EmbeddedDatabases.dataSource(database), database);
	}

	/** Holds the next status polls (after those held before). */
	private void holdFirstPolls(int polls, Duration hold) {
		this.stack.gateway().inject(InjectedFault.latency(GatewayOperation.GET_STATUS, hold, polls));
	}

	private void awaitHeldPolls(int polls) throws InterruptedException {
		TrackingStack.await(polls + " held polls in flight", Duration.ofSeconds(5),
				() -> this.stack.gateway().injectedFaultCount(GatewayOperation.GET_STATUS) >= polls);
	}

	private static void assertDeliveredOnceAndUntracked(Deliveries deliveries, int executions, DataSource dataSource)
			throws InterruptedException {
		assertThat(deliveries.byKey()).hasSize(executions)
			.allSatisfy((key, times) -> assertThat(times).as("deliveries of " + key).isEqualTo(1));
		TrackingStack.await("an empty store", Duration.ofSeconds(5), () -> TrackingStack.rows(dataSource)[0] == 0);
	}

	private static void metric(String database, String scenario, Deliveries deliveries, HubExecutionTracker tracker,
			long started) {
		System.out.printf(
				"METRIC %s %s: %d executions, %d deliveries, %d duplicates; %s claims %d, take-overs %d, "
						+ "failed polls %d, deliveries %d; %.2f s%n",
				database, scenario, deliveries.distinct(), deliveries.total(), deliveries.duplicates(),
				tracker.instanceId(), TrackingStack.count(tracker, Event.CLAIM),
				TrackingStack.count(tracker, Event.LEASE_TAKEOVER), TrackingStack.count(tracker, Event.FAILED_POLL),
				TrackingStack.count(tracker, Event.DELIVERY), (System.nanoTime() - started) / 1e9);
	}

}
