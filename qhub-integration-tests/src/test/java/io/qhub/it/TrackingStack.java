package io.qhub.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.core.PollingPolicy;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.tracking.HubExecutionFinished;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.HubExecutionTrackerBuilder;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.qhub.tracking.TrackedExecutionStore;
import io.qhub.tracking.TrackingStatistics;
import io.qhub.tracking.TrackingStatistics.Event;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real stack the tracking failure tests run on: a {@link LocalHubGateway} on loopback
 * whose executions run for a set time, clients on it (one per tracker, as separate
 * instances would have), and trackers with a short lease (1 s) and tick (100 ms), so a
 * claim holds 900 ms and a poll is cut 450 ms after its claim. Closes all of it, last
 * made first. Waits are bounded and poll a condition, never assert on elapsed sleeps.
 */
final class TrackingStack implements AutoCloseable {

	/** The trackers' lease. */
	static final Duration LEASE = Duration.ofSeconds(1);

	/** The trackers' tick. */
	static final Duration TICK = Duration.ofMillis(100);

	/** The service name every tracker polls. */
	static final String SERVICE = "default";

	private static final PollingPolicy FAST = new PollingPolicy(Duration.ofMillis(100), Duration.ofMillis(200),
			Duration.ofMinutes(1));

	private final LocalHubGateway gateway;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	/**
	 * A stack whose executions run for a while.
	 * @param run how long each execution runs before it succeeds
	 */
	TrackingStack(Duration run) {
		this.gateway = LocalHubGateway.builder().timing(Duration.ZERO, run).start();
	}

	/**
	 * The gateway.
	 * @return the gateway
	 */
	LocalHubGateway gateway() {
		return this.gateway;
	}

	/**
	 * A new client on the gateway, closed with the stack.
	 * @return the client
	 */
	HubServiceClient client() {
		HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.polling(FAST)
			.build();
		return closedLast(client);
	}

	/**
	 * Starts executions on the gateway.
	 * @param client the client to start them with
	 * @param count how many
	 * @return their handles
	 */
	static List<HubServiceExecution> run(HubServiceClient client, int count) {
		List<HubServiceExecution> executions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			executions.add(client.run(Map.of("i", i)));
		}
		return executions;
	}

	/**
	 * A tracker's settings on the stack: its own client, the lease and tick.
	 * @param instance the instance id
	 * @param store the store
	 * @param listener the listener
	 * @return the builder
	 */
	HubExecutionTrackerBuilder tracker(String instance, TrackedExecutionStore store,
			Consumer<HubExecutionFinished> listener) {
		return HubExecutionTracker.builder()
			.client(SERVICE, client().reactive())
			.store(store)
			.listener(listener)
			.instanceId(instance)
			.lease(LEASE)
			.tick(TICK);
	}

	/**
	 * Builds a tracker, closed with the stack.
	 * @param builder its settings
	 * @return the tracker
	 */
	HubExecutionTracker start(HubExecutionTrackerBuilder builder) {
		return closedLast(builder.build());
	}

	/**
	 * Closes something with the stack, before what was registered earlier.
	 * @param <T> its type
	 * @param closeable it
	 * @return it
	 */
	<T extends AutoCloseable> T closedLast(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	/**
	 * Waits until a condition holds, and fails when it does not within a bound.
	 * @param what the condition, as the failure names it
	 * @param within the bound
	 * @param condition the condition
	 * @throws InterruptedException when interrupted
	 */
	static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			pause(Duration.ofMillis(10));
		}
		assertThat(condition.getAsBoolean()).as(what + " within " + within.toMillis() + " ms").isTrue();
	}

	/**
	 * Lets time pass (a database kept down, a listener's slow work), without asserting on
	 * it.
	 * @param duration how long
	 * @throws InterruptedException when interrupted
	 */
	static void pause(Duration duration) throws InterruptedException {
		BlockingQueue<Boolean> never = new LinkedBlockingQueue<>();
		never.poll(duration.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * A listener's slow work: holds the calling thread (the tracker's) for a while.
	 * @param duration how long
	 */
	static void busyFor(Duration duration) {
		try {
			pause(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * How many rows the tracking table holds, and how many of them are claimed.
	 * @param dataSource the database
	 * @return {@code [rows, claimed]}
	 */
	static long[] rows(DataSource dataSource) {
		long[] counts = new long[2];
		new JdbcTemplate(dataSource)
			.query("SELECT COUNT(*), COUNT(LEASE_OWNER) FROM " + JdbcTrackedExecutionStore.TABLE, (row) -> {
				counts[0] = row.getLong(1);
				counts[1] = row.getLong(2);
			});
		return counts;
	}

	/**
	 * A tracker's count of one event.
	 * @param tracker the tracker
	 * @param event the event
	 * @return the count for the stack's service
	 */
	static long count(HubExecutionTracker tracker, Event event) {
		TrackingStatistics statistics = tracker.statistics();
		return statistics.count(SERVICE, event);
	}

	@Override
	public void close() {
		try {
			for (int i = this.closeables.size() - 1; i >= 0; i--) {
				this.closeables.get(i).close();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Closing the stack failed", ex);
		}
		finally {
			this.gateway.close();
		}
	}

}
