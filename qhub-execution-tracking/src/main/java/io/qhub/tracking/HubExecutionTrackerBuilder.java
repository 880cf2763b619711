package io.qhub.tracking;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.core.Backoff;
import io.qhub.service.core.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link HubExecutionTracker}; start with {@link HubExecutionTracker#builder()}.
 * Every setting but the clients has a default: an in-memory store, a listener that
 * ignores completions, a random instance id, a 30 s lease, a 1 s tick and at most 32
 * status polls in flight.
 */
public final class HubExecutionTrackerBuilder {

	private final Map<String, ReactiveHubServiceClient> clients = new LinkedHashMap<>();

	private static final Duration MAX_CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private @Nullable TrackedExecutionStore store;

	private Consumer<HubExecutionFinished> listener = (finished) -> {
	};

	private String instanceId = UUID.randomUUID().toString();

	private Duration lease = Duration.ofSeconds(30);

	private Duration tick = Duration.ofSeconds(1);

	private int maxConcurrency = 32;

	private Backoff retryBackoff = new Backoff(Duration.ofMillis(500), 2, Duration.ofSeconds(5), 0);

	private Clock clock = Clock.systemUTC();

	HubExecutionTrackerBuilder() {
	}

	/**
	 * Adds a service whose executions can be tracked.
	 * @param service its name (the store keeps it with each execution)
	 * @param client its client
	 * @return this builder
	 */
	public HubExecutionTrackerBuilder client(String service, ReactiveHubServiceClient client) {
		if (service == null || service.isBlank()) {
			throw new InvalidSettingException("service", "must not be empty", service);
		}
		this.clients.put(service, Objects.requireNonNull(client, "client must not be null"));
		return this;
	}

	/**
	 * Where tracked executions are kept; in memory by default.
	 * @param store the store
	 * @return this builder
	 */
	public HubExecutionTrackerBuilder store(TrackedExecutionStore store) {
		this.store = Objects.requireNonNull(store, "store must not be null");
		return this;
	}

	/**
	 * Receives each completion (on the tracker's thread; a listener that throws has it
	 * delivered again). In a Spring application,
	 * {@code applicationEventPublisher::publishEvent} publishes each one as an
	 * application event.
	 * @param listener the listener
	 * @return this builder
	 */
	public HubExecutionTrackerBuilder listener(Consumer<HubExecutionFinished> listener) {
		this.listener = Objects.requireNonNull(listener, "listener must not be null");
		return this;
	}

	/**
	 * This tracker's id in leases; a random UUID by default. Must differ between
	 * instances sharing a store.
	 * @param instanceId the id
	 * @return this builder
	 */
	public HubExecutionTrackerBuilder instanceId(String instanceId) {
		if (instanceId == null || instanceId.isBlank()) {
			throw new InvalidSettingException("instanceId", "must not be empty", instanceId);
		}
		this.instanceId = instanceId;
		return this;
	}

	/**
	 * How long a claimed execution belongs to this tracker: the longest a dead instance's
	 * executions wait to be taken over; 30 s by default.
	 * @param lease the lease
	 * @return this builder
	 */
	public HubExecutionTrackerBuilder lease(Duration lease) {
		this.lease = positive("lease", lease);
		return this;
	}

	/**
	 * How often due executions are claimed; 1 s by default.
	 * @param tick the interval
	 * @return this builder
	 */
	public HubExecutionTrackerBuilder tick(Duration tick) {
		this.tick = positive("tick", tick);
		return this;
	}

	/**
	 * The most status polls in flight at once; 32 by default.
	 * @param maxConcurrency the bound
	 * @return this builder
	 */
	public HubExecutionTrackerBuilder maxConcurrency(int maxConcurrency) {
		if (maxConcurrency < 1) {
			throw new InvalidSettingException("maxConcurrency", "must be at least 1", maxConcurrency);
		}
		this.maxConcurrency = maxConcurrency;
		return this;
	}

	/**
	 * The backoff after a failed status poll or a failed delivery, by the number of polls
	 * made; 500 ms doubling to 5 s by default.
	 * @param retryBackoff the backoff
	 * @return this builder
	 */
	public HubExecutionTrackerBuilder retryBackoff(Backoff retryBackoff) {
		this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff must not be null");
		return this;
	}

	/**
	 * The clock claims are timed on (each bound counts from its claim), and that of the
	 * default in-memory store; a database store's leases are on the database's clock.
	 * @param clock the clock
	 * @return this builder
	 */
	public HubExecutionTrackerBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		return this;
	}

	/**
	 * Builds the tracker; it starts polling at once with a shared store, else at its
	 * first {@code track}.
	 * @return the tracker
	 * @throws InvalidSettingException when no client was added, or the tick is not more
	 * than a third of the lease
	 */
	public HubExecutionTracker build() {
		if (this.clients.isEmpty()) {
			throw new InvalidSettingException("clients", "must name at least one service", this.clients.keySet());
		}
		if (this.tick.multipliedBy(3).compareTo(this.lease) > 0) {
			throw new InvalidSettingException("tick", "must be at most a third of the lease (" + this.lease + ")",
					this.tick);
		}
		TrackedExecutionStore store = (this.store != null) ? this.store : new InMemoryTrackedExecutionStore(this.clock);
		ClientPolls polls = new ClientPolls(this.clients, this.retryBackoff);
		TrackingStatistics statistics = new TrackingStatistics(this.clients.keySet());
		Leases leases = new Leases(store, this.instanceId, this.lease, this.tick);
		CompletionDelivery delivery = new CompletionDelivery(leases, polls, this.listener, statistics, this.clock);
		ClaimLoop loop = new ClaimLoop(polls, leases, delivery, statistics, this.clock, this.tick, this.maxConcurrency,
				ClaimLoop.newScheduler());
		Duration closeTimeout = this.lease.dividedBy(3);
		if (closeTimeout.compareTo(MAX_CLOSE_TIMEOUT) > 0) {
			closeTimeout = MAX_CLOSE_TIMEOUT;
		}
		return new HubExecutionTracker(polls, store, this.instanceId, loop, statistics, closeTimeout);
	}

	private static Duration positive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidSettingException(name, "must be positive", value);
		}
		return value;
	}

}
