package io.qhub.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.PollingPolicy;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.tracking.HubExecutionFinished;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.InMemoryTrackedExecutionStore;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.qhub.tracking.TrackedExecutionStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HubExecutionTracker} through the real stack: a {@link LocalHubGateway} on
 * loopback, and the JDBC store on a real H2 and a real PostgreSQL
 * ({@link EmbeddedDatabases}), each created from the shipped schema script. Cases: an
 * instance closed mid-wait whose completions a second instance delivers; a restart that
 * resumes; two instances running at once never both deliver one completion; a dead
 * instance's leased executions taken over within one lease period (the take-over time is
 * printed); a gateway fault while tracking; a listener that throws has the completion
 * delivered again. Waits are bounded by blocking-queue timeouts, never by sleeps.
 */
class ExecutionTrackingIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final Duration TICK = Duration.ofMillis(50);

	private static final PollingPolicy FAST = new PollingPolicy(Duration.ofMillis(100), Duration.ofMillis(200),
			Duration.ofMinutes(1));

	private final LocalHubGateway gateway = LocalHubGateway.builder()
		.timing(Duration.ZERO, Duration.ofMillis(600))
		.start();

	private final List<AutoCloseable> closeables = new ArrayList<>();

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
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
		this.gateway.close();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void anInstanceClosedMidWaitHasItsCompletionsDeliveredByTheOther(String database) throws Exception {
		TrackedExecutionStore store = store(database);
		BlockingQueue<HubExecutionFinished> first = new LinkedBlockingQueue<>();
		HubServiceClient client = client(this.gateway);
		HubExecutionTracker a = tracker("a", client, store, first::add);
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			keys.add(a.track(client.run(Map.of("i", i))));
		}
		a.close();
		assertThat(store.list(100)).hasSize(5);
		BlockingQueue<HubExecutionFinished> second = new LinkedBlockingQueue<>();
		tracker("b", client(this.gateway), store, second::add);
		List<String> delivered = take(second, 5);
		assertThat(delivered).containsExactlyInAnyOrderElementsOf(keys);
		assertThat(first).isEmpty();
		awaitUntracked(store);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void aRestartResumesTracking(String database) throws Exception {
		TrackedExecutionStore store = store(database);
		HubServiceClient before = client(this.gateway);
		HubExecutionTracker running = tracker("app", before, store, (event) -> {
		});
		HubServiceExecution execution = before.run(Map.of("restart", true));
		String key = running.track(execution);
		running.close();
		before.close();

		BlockingQueue<HubExecutionFinished> events = new LinkedBlockingQueue<>();
		tracker("app", client(this.gateway), store, events::add);
		HubExecutionFinished event = events.poll(30, TimeUnit.SECONDS);
		assertThat(event).isNotNull();
		assertThat(event.idempotencyKey()).isEqualTo(key);
		assertThat(event.execution().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void twoInstancesNeverBothDeliverOneCompletion(String database) throws Exception {
		TrackedExecutionStore store = store(database);
		Map<String, Integer> deliveries = new ConcurrentHashMap<>();
		BlockingQueue<HubExecutionFinished> all = new LinkedBlockingQueue<>();
		Consumer<HubExecutionFinished> count = (event) -> {
			deliveries.merge(event.idempotencyKey(), 1, Integer::sum);
			all.add(event);
		};
		HubServiceClient client = client(this.gateway);
		HubExecutionTracker a = tracker("a", client, store, count);
		HubExecutionTracker b = tracker("b", client(this.gateway), store, count);
		for (int i = 0; i < 40; i++) {
			((i % 2 == 0) ? a : b).track("default", client.run(Map.of("i", i)).id());
		}
		take(all, 40);
		assertThat(all.poll(LEASE.toMillis() + 500, TimeUnit.MILLISECONDS)).as("a second delivery").isNull();
		assertThat(deliveries).hasSize(40).allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void aDeadInstancesExecutionsAreTakenOverWithinOneLease(String database) throws Exception {
		TrackedExecutionStore store = store(database);
		// a's status polls hang (the gateway never answers them), so a holds the leases
		// when it dies
		this.gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS).times(3));
		HubServiceClient client = client(this.gateway);
		HubExecutionTracker a = tracker("a", client, store, (event) -> {
		});
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			keys.add(a.track("default", client.run(Map.of("i", i)).id()));
		}
		BlockingQueue<HubExecutionFinished> events = new LinkedBlockingQueue<>();
		tracker("b", client(this.gateway), store, events::add);
		awaitStalledPolls(3);
		long died = System.nanoTime();
		a.close();
		List<String> delivered = take(events, 3);
		double takeOver = (System.nanoTime() - died) / 1e9;
		assertThat(delivered).containsExactlyInAnyOrderElementsOf(keys);
		assertThat(takeOver)
			.as("claimed within one lease period, then one poll and the delivery (0.5 s to spare for a "
					+ "loaded machine)")
			.isLessThanOrEqualTo(LEASE.toMillis() / 1000.0 + 0.5);
		System.out.printf("METRIC %s take-over after an instance died: %.2f s (lease %d s, tick %d ms)%n", database,
				takeOver, LEASE.toSeconds(), TICK.toMillis());
	}

	@Test
	void aGatewayFaultWhileTrackingKeepsTheExecutionTracked() throws Exception {
		TrackedExecutionStore store = new InMemoryTrackedExecutionStore();
		this.gateway.inject(InjectedFault.status(GatewayOperation.GET_STATUS, 503, null, 4));
		BlockingQueue<HubExecutionFinished> events = new LinkedBlockingQueue<>();
		HubServiceClient client = client(this.gateway);
		HubExecutionTracker tracker = tracker("a", client, store, events::add);
		String key = tracker.track(client.run(Map.of("fault", true)));
		HubExecutionFinished event = events.poll(30, TimeUnit.SECONDS);
		assertThat(event).isNotNull();
		assertThat(event.idempotencyKey()).isEqualTo(key);
		assertThat(this.gateway.answeredStatuses(GatewayOperation.GET_STATUS)).containsEntry(503, 4L);
		awaitUntracked(store);
	}

	@Test
	void trackedExecutionsFollowTheClientsLearnedSchedule() throws Exception {
		try (LocalHubGateway fiveSeconds = LocalHubGateway.builder()
			.timing(Duration.ZERO, Duration.ofSeconds(5))
			.start();
				HubServiceClient client = HubServiceClient.builder()
					.serviceEndpoint(fiveSeconds.serviceEndpoint())
					.polling(PollingPolicy.DEFAULT)
					.build()) {
			// three waits on the doubling schedule (0.5, 1, 2, 4 s: seen final at 7.5 s)
			// teach the client
			List<HubServiceExecution> learning = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				learning.add(client.run(Map.of("learn", i)));
			}
			learning.forEach(HubServiceExecution::waitForFinalState);
			BlockingQueue<HubExecutionFinished> events = new LinkedBlockingQueue<>();
			HubExecutionTracker tracker = tracker("a", client, new InMemoryTrackedExecutionStore(), events::add);
			long started = System.nanoTime();
			tracker.track(client.run(Map.of("tracked", true)));
			assertThat(events.poll(30, TimeUnit.SECONDS)).isNotNull();
			double seconds = (System.nanoTime() - started) / 1e9;
			// the doubling schedule would see it final at 7.5 s; the learned one polls
			// between 4 and 7.5 s
			assertThat(seconds).isLessThan(7.0);
		}
	}

	@Test
	void aBlankIdIsRefusedAndTrackingGoesOn() throws Exception {
		BlockingQueue<HubExecutionFinished> events = new LinkedBlockingQueue<>();
		HubServiceClient client = client(this.gateway);
		HubExecutionTracker tracker = tracker("a", client, new InMemoryTrackedExecutionStore(), events::add);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> tracker.track("default", " "))
			.withMessage("id must not be empty");
		String key = tracker.track(client.run(Map.of("after", "blank")));
		assertThat(take(events, 1)).containsExactly(key);
	}

	@Test
	void aStalledPollIsCutWithinItsLeaseAndTheCompletionDeliveredOnce() throws Exception {
		this.gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS).times(1));
		Map<String, Integer> deliveries = new ConcurrentHashMap<>();
		BlockingQueue<HubExecutionFinished> events = new LinkedBlockingQueue<>();
		HubServiceClient client = client(this.gateway);
		HubExecutionTracker tracker = tracker("a", client, new InMemoryTrackedExecutionStore(), (event) -> {
			deliveries.merge(event.idempotencyKey(), 1, Integer::sum);
			events.add(event);
		});
		String key = tracker.track(client.run(Map.of("stalled", true)));
		assertThat(take(events, 1)).containsExactly(key);
		// no second delivery from a re-claim while the stalled poll was still open
		assertThat(events.poll(LEASE.toMillis() * 2, TimeUnit.MILLISECONDS)).isNull();
		assertThat(deliveries).containsExactly(Map.entry(key, 1));
		assertThat(this.gateway.injectedFaultCount(GatewayOperation.GET_STATUS)).isEqualTo(1);
	}

	@Test
	void aBacklogDrainsAsFastAsPollsCompleteNotOneBatchPerTick() throws Exception {
		HubServiceClient client = client(this.gateway);
		List<HubServiceExecution> finished = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			HubServiceExecution execution = client.run(Map.of("i", i));
			finished.add(execution);
		}
		finished.forEach(HubServiceExecution::waitForFinalState);
		BlockingQueue<HubExecutionFinished> events = new LinkedBlockingQueue<>();
		HubExecutionTracker tracker = HubExecutionTracker.builder()
			.client("default", client.reactive())
			.listener(events::add)
			.tick(Duration.ofSeconds(20))
			.lease(Duration.ofMinutes(1))
			.maxConcurrency(4)
			.build();
		this.closeables.add(tracker);
		long started = System.nanoTime();
		finished.forEach(tracker::track);
		for (int i = 0; i < 60; i++) {
			assertThat(events.poll(15, TimeUnit.SECONDS)).as("delivery " + (i + 1)).isNotNull();
		}
		// one batch of 4 per 20 s tick would take 5 minutes; draining on completion takes
		// well under one tick
		assertThat((System.nanoTime() - started) / 1e9).isLessThan(15.0);
	}

	@Test
	void aListenerThatThrowsHasTheCompletionDeliveredAgain() throws Exception {
		BlockingQueue<HubExecutionFinished> events = new LinkedBlockingQueue<>();
		HubServiceClient client = client(this.gateway);
		TrackedExecutionStore store = new InMemoryTrackedExecutionStore();
		java.util.concurrent.atomic.AtomicInteger deliveries = new java.util.concurrent.atomic.AtomicInteger();
		HubExecutionTracker tracker = tracker("a", client, store, (event) -> {
			events.add(event);
			if (deliveries.incrementAndGet() == 1) {
				throw new IllegalStateException("listener failed once");
			}
		});
		String key = tracker.track(client.run(Map.of("again", true)));
		assertThat(take(events, 2)).containsExactly(key, key);
		awaitUntracked(store);
	}

	/** A delivered execution leaves the store right after its listeners returned. */
	private static void awaitUntracked(TrackedExecutionStore store) throws InterruptedException {
		BlockingQueue<Boolean> never = new LinkedBlockingQueue<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!store.list(100).isEmpty() && System.nanoTime() < deadline) {
			never.poll(10, TimeUnit.MILLISECONDS);
		}
		assertThat(store.list(100)).isEmpty();
	}

	private void awaitStalledPolls(int count) throws InterruptedException {
		BlockingQueue<Boolean> never = new LinkedBlockingQueue<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (this.gateway.injectedFaultCount(GatewayOperation.GET_STATUS) < count && System.nanoTime() < deadline) {
			never.poll(20, TimeUnit.MILLISECONDS);
		}
		assertThat(this.gateway.injectedFaultCount(GatewayOperation.GET_STATUS)).isEqualTo(count);
	}

	private static List<String> take(BlockingQueue<HubExecutionFinished> events, int count)
			throws InterruptedException {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			@Nullable HubExecutionFinished event = events.poll(30, TimeUnit.SECONDS);
			assertThat(event).as("delivery " + (i + 1) + " of " + count).isNotNull();
			keys.add(event.idempotencyKey());
		}
		return keys;
	}

	private HubServiceClient client(LocalHubGateway target) {
		HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(target.serviceEndpoint())
			.polling(FAST)
			.build();
		this.closeables.add(client);
		return client;
	}

	private HubExecutionTracker tracker(String instance, HubServiceClient client, TrackedExecutionStore store,
			Consumer<HubExecutionFinished> listener) {
		HubExecutionTracker tracker = HubExecutionTracker.builder()
			.client("default", client.reactive())
			.store(store)
			.listener(listener)
			.instanceId(instance)
			.lease(LEASE)
			.tick(TICK)
			.build();
		this.closeables.add(tracker);
		return tracker;
	}

	private static TrackedExecutionStore store(String database) {
		return new JdbcTrackedExecutionStore(
				EmbeddedDatabases.freshTrackingTable(EmbeddedDatabases.dataSource(database), database));
	}

}
