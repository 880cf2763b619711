package io.qhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.PollingPolicy;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ClaimLoop} with a real client against a {@link LocalHubGateway}, both on virtual
 * time. The tick is an hour, so nothing is claimed but by the first tick at
 * {@link ClaimLoop#start()}, by {@link ClaimLoop#claimSoon()} and by the loop itself; a
 * task queued behind them on the loop's single thread shows when they ran. Cases: a
 * running execution is released, due on its client's schedule; a final one is delivered
 * and leaves the store; a failed poll keeps it tracked until the retry delay; at most
 * {@code maxConcurrency} polls are in flight; a backlog is claimed again as each poll
 * completes, not on the next tick; another service's execution is left alone for a lease;
 * a closed loop claims nothing.
 */
class ClaimLoopTests {

	private static final PollingPolicy POLICY = new PollingPolicy(Duration.ofMillis(100), Duration.ofSeconds(10),
			Duration.ofMinutes(1))
		.withLearning(false);

	private static final Duration LEASE = Duration.ofHours(3);

	private static final Duration TICK = Duration.ofHours(1);

	private static final Duration RUN = Duration.ofSeconds(10);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final VirtualTime clock = new VirtualTime(T0);

	private final LocalHubGateway gateway = LocalHubGateway.builder()
		.clock(this.clock)
		.timing(Duration.ZERO, RUN)
		.start();

	private final HubServiceClient client = HubServiceClient.builder()
		.serviceEndpoint(this.gateway.serviceEndpoint())
		.polling(POLICY)
		.build();

	private final InMemoryTrackedExecutionStore store = new InMemoryTrackedExecutionStore(this.clock);

	private final TrackingStatistics statistics = new TrackingStatistics(Set.of("default"));

	private final BlockingQueue<HubExecutionFinished> delivered = new LinkedBlockingQueue<>();

	private final ScheduledExecutorService scheduler = ClaimLoop.newScheduler();

	@AfterEach
	void close() {
		this.scheduler.shutdownNow();
		this.client.close();
		this.gateway.close();
	}

	@Test
	void aRunningExecutionIsReleasedDueOnItsClientsSchedule() throws Exception {
		String id = started();
		due("default", id);
		loop(4).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.store.list(1).get(0).polls() == 1);
		TrackedExecution released = this.store.list(1).get(0);
		assertThat(released.nextPollAt()).isEqualTo(T0.plus(POLICY.delayBefore(2)));
		assertThat(released.leaseOwner()).as("lease released").isNull();
		this.clock.advance(POLICY.delayBefore(2));
		assertThat(this.store.claimDue("other", LEASE, 1)).hasSize(1);
		assertThat(this.delivered).isEmpty();
	}

	@Test
	void aFinalExecutionIsDeliveredAndLeavesTheStore() throws Exception {
		String id = started();
		this.clock.advance(RUN);
		due("default", id);
		loop(4).start();
		HubExecutionFinished finished = this.delivered.poll(10, TimeUnit.SECONDS);
		assertThat(finished).isNotNull();
		assertThat(finished.idempotencyKey()).isEqualTo("default/" + id);
		assertThat(finished.execution().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.store.list(1).isEmpty());
	}

	@Test
	void aFailedPollKeepsTheExecutionTrackedUntilTheRetryDelay() throws Exception {
		due("default", "no-such-execution");
		loop(4).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.store.list(1).get(0).polls() == 1);
		TrackedExecution released = this.store.list(1).get(0);
		assertThat(released.nextPollAt()).isEqualTo(T0.plus(POLICY.delayBefore(2)));
		assertThat(released.leaseOwner()).isNull();
		assertThat(this.statistics.count("default", TrackingStatistics.Event.FAILED_POLL)).isOne();
		assertThat(this.gateway.answeredStatuses(GatewayOperation.GET_STATUS)).containsEntry(404, 1L);
		assertThat(this.delivered).isEmpty();
	}

	@Test
	void noMoreThanMaxConcurrencyPollsAreInFlight() throws Exception {
		this.gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS).times(5));
		for (int i = 0; i < 5; i++) {
			due("default", started());
		}
		ClaimLoop loop = loop(2);
		loop.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.gateway.injectedFaultCount(GatewayOperation.GET_STATUS) == 2);
		loop.claimSoon();
		ranQueuedTasks();
		assertThat(this.gateway.callCount(GatewayOperation.GET_STATUS)).isEqualTo(2);
		assertThat(this.store.claimDue("other", LEASE, 5)).as("left unclaimed").hasSize(3);
	}

	@Test
	void aBacklogIsClaimedAgainAsEachPollCompletesNotOnTheNextTick() throws Exception {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String id = started();
			keys.add("default/" + id);
			due("default", id);
		}
		this.clock.advance(RUN);
		loop(1).start();
		List<String> delivered = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			HubExecutionFinished finished = this.delivered.poll(10, TimeUnit.SECONDS);
			assertThat(finished).as("delivery %d of 3 within the first tick", i + 1).isNotNull();
			delivered.add(finished.idempotencyKey());
		}
		assertThat(delivered).containsExactlyInAnyOrderElementsOf(keys);
	}

	@Test
	void anExecutionOfAServiceNotPolledHereIsLeftAloneForOneLease() throws Exception {
		due("elsewhere", "e-1");
		loop(4).start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.store.list(1).get(0).nextPollAt().equals(T0.plus(LEASE)));
		assertThat(this.store.list(1).get(0).polls()).isZero();
		assertThat(this.store.list(1).get(0).leaseOwner()).isNull();
		assertThat(this.gateway.callCount(GatewayOperation.GET_STATUS)).isZero();
	}

	@Test
	void aClosedLoopClaimsNothing() throws Exception {
		ClaimLoop loop = loop(4);
		loop.start();
		loop.close(Duration.ofSeconds(10));
		assertThat(loop.isClosed()).isTrue();
		due("default", started());
		loop.claimSoon();
		assertThat(this.scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.store.claimDue("other", LEASE, 5)).hasSize(1);
		assertThat(this.gateway.callCount(GatewayOperation.GET_STATUS)).isZero();
	}

	@Test
	void aLateAnswerOfASupersededClaimChangesNothing() throws Exception {
		// the first poll is answered late, and with a failure (404: not retried by the
		// client)
		this.gateway.inject(new InjectedFault(GatewayOperation.GET_STATUS, 1, Duration.ofMillis(500), 404, null,
				InjectedFault.Delivery.WHOLE, InjectedFault.Rewrite.NONE));
		this.gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS));
		String id = started();
		due("default", id);
		ClaimLoop first = loop(4);
		first.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.gateway.callCount(GatewayOperation.GET_STATUS) == 1);
		// the first claim runs out while its poll is unanswered; a restarted instance of
		// the same id claims the execution again and its poll stalls
		this.clock.advance(LEASE);
		ScheduledExecutorService successorScheduler = ClaimLoop.newScheduler();
		try {
			loop(4, successorScheduler).start();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.gateway.callCount(GatewayOperation.GET_STATUS) == 2);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.statistics.count("default", TrackingStatistics.Event.FAILED_POLL) == 1);
			first.claimSoon();
			ranQueuedTasks();
			assertThat(this.store.list(1)).singleElement().satisfies((execution) -> {
				assertThat(execution.leaseOwner()).as("still the successor's claim").isEqualTo("me");
				assertThat(execution.claim()).isEqualTo(2);
				assertThat(execution.polls()).as("the stale poll's release was not applied").isZero();
			});
			assertThat(this.statistics.count("default", TrackingStatistics.Event.LEASE_TAKEOVER)).isOne();
		}
		finally {
			successorScheduler.shutdownNow();
		}
	}

	@Test
	void theLateAnswerOfAClaimThisLoopTookAgainIsIgnoredAndTheNewClaimIsReleasedAtClose() throws Exception {
		this.gateway.inject(new InjectedFault(GatewayOperation.GET_STATUS, 1, Duration.ofMillis(500), 404, null,
				InjectedFault.Delivery.WHOLE, InjectedFault.Rewrite.NONE));
		this.gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS));
		due("default", started());
		ClaimLoop loop = loop(4);
		loop.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.gateway.callCount(GatewayOperation.GET_STATUS) == 1);
		// this loop's claim runs out unanswered (its thread stalled, say); it claims
		// again
		this.clock.advance(LEASE);
		loop.claimSoon();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.gateway.callCount(GatewayOperation.GET_STATUS) == 2);
		// the first claim's poll is cancelled (its 404 was due 500 ms after it was sent),
		// or its answer ignored
		await().during(Duration.ofMillis(800))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.statistics.count("default", TrackingStatistics.Event.FAILED_POLL) == 0);
		ranQueuedTasks();
		assertThat(this.store.list(1)).singleElement().satisfies((execution) -> {
			assertThat(execution.leaseOwner()).isEqualTo("me");
			assertThat(execution.claim()).isEqualTo(2);
		});
		loop.close(Duration.ofSeconds(10));
		assertThat(this.store.list(1)).singleElement()
			.satisfies((execution) -> assertThat(execution.leaseOwner()).as("released at close").isNull());
	}

	@Test
	void closingReleasesTheClaimsInFlightDueAtOnce() throws Exception {
		this.gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS).times(3));
		for (int i = 0; i < 3; i++) {
			due("default", started());
		}
		ClaimLoop loop = loop(4);
		loop.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.gateway.callCount(GatewayOperation.GET_STATUS) == 3);
		assertThat(this.store.claimDue("other", LEASE, 5)).as("all claimed").isEmpty();
		loop.close(Duration.ofSeconds(10));
		assertThat(this.store.claimDue("other", LEASE, 5)).as("released at close, due now").hasSize(3);
	}

	private ClaimLoop loop(int maxConcurrency) {
		return loop(maxConcurrency, this.scheduler);
	}

	private ClaimLoop loop(int maxConcurrency, ScheduledExecutorService scheduler) {
		ClientPolls clients = new ClientPolls(Map.of("default", this.client.reactive()),
				this.client.reactive().pollingPolicy().backoff());
		Leases leases = new Leases(this.store, "me", LEASE, TICK);
		CompletionDelivery delivery = new CompletionDelivery(leases, clients, this.delivered::add, this.statistics,
				this.clock);
		return new ClaimLoop(clients, leases, delivery, this.statistics, this.clock, TICK, maxConcurrency, scheduler);
	}

	private String started() {
		return this.client.run(Map.of("shots", 1)).id();
	}

	private void due(String service, String id) {
		this.store.add(service, id, Duration.ZERO);
	}

	/** Waits until the tasks queued on the loop's thread so far have run. */
	private void ranQueuedTasks() throws InterruptedException, ExecutionException {
		this.scheduler.submit(() -> {
		}).get();
	}

}
