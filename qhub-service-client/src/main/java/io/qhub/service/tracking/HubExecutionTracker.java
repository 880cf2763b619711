package io.qhub.service.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.core.Backoff;
import io.qhub.service.client.model.ServiceExecution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Follows executions until they are final, without a thread or a subscription per execution, and tells the
 * application once each one is: {@link #track(HubServiceExecution)} hands an execution over; one scheduler thread
 * ({@code qhub-tracker}) claims the executions that are due from the {@link TrackedExecutionStore}, at most
 * {@code maxConcurrency} status polls are in flight at once (non-blocking), and the next poll of an execution
 * still running follows its client's schedule ({@link ReactiveHubServiceExecution#nextPollDelay()}: learned from
 * the client's earlier executions where it submitted this one, else the polling policy's doubling schedule); what a
 * tracked execution's polls saw teaches that schedule too. A final state is delivered to
 * the listener as a {@link HubExecutionFinishedEvent} on the scheduler thread, and only then is the execution
 * removed from the store: <em>at least once</em>.
 * <p>
 * With a shared store ({@link JdbcTrackedExecutionStore}) tracking survives restarts and is shared by instances:
 * each poll holds a lease on its row ({@code lease}, 30 s by default), so one instance at a time polls an
 * execution and delivers its completion; a completion is delivered only while at least half of the lease is left,
 * so a listener must return within half a lease; a claim holds for one tick less than the lease, so the
 * executions of an instance that died are claimed by another instance within one lease period. A failed status poll (the gateway down, a timeout,
 * any error, or no answer within half the lease) is logged at WARN and retried on the schedule: the execution stays tracked until it is final or
 * {@link #untrack(String, String) untracked}.
 */
public final class HubExecutionTracker implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(HubExecutionTracker.class);

	private final Map<String, ReactiveHubServiceClient> clients;

	private final TrackedExecutionStore store;

	private final Consumer<HubExecutionFinishedEvent> listener;

	private final String instanceId;

	private final Duration lease;

	private final Duration tick;

	/**
	 * How long one claim holds: one tick less than the lease, so that another instance's next tick takes over the
	 * executions of an instance that died within one lease period.
	 */
	private final Duration claimPeriod;

	private final int maxConcurrency;

	private final Clock clock;

	private final ScheduledExecutorService scheduler;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean claimRequested = new AtomicBoolean();

	/**
	 * The handles of the executions this instance polls, so that each poll follows its client's schedule and teaches
	 * it; bounded (executions delivered by another instance are never removed here, so the eldest go). An execution
	 * without a handle here (tracked before a restart, or by another instance) gets one from its first poll.
	 */
	private final Map<String, ReactiveHubServiceExecution> handles = Collections.synchronizedMap(
			new LinkedHashMap<>(256, 0.75f, false) {

				private static final long serialVersionUID = 1L;

				@Override
				protected boolean removeEldestEntry(Map.Entry<String, ReactiveHubServiceExecution> eldest) {
					return size() > 65_536;
				}

			});

	/** The delay after a failed poll or a failed delivery, by the number of polls made. */
	private final Backoff retryBackoff;

	/** Whether the last claim got all it asked for (more may be due); confined to the scheduler thread. */
	private boolean backlog;

	private volatile boolean closed;

	private HubExecutionTracker(Builder builder) {
		this.clients = Map.copyOf(builder.clients);
		this.store = Objects.requireNonNull(builder.store, "store must not be null");
		this.listener = Objects.requireNonNull(builder.listener, "listener must not be null");
		this.instanceId = builder.instanceId;
		this.lease = builder.lease;
		this.tick = builder.tick;
		this.claimPeriod = builder.lease.minus(builder.tick);
		this.maxConcurrency = builder.maxConcurrency;
		this.clock = builder.clock;
		this.retryBackoff = builder.retryBackoff;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "qhub-tracker");
			thread.setDaemon(true);
			return thread;
		});
		if (this.store.shared()) {
			start();
		}
	}

	/**
	 * Starts building a tracker.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Tracks an execution of one of the tracker's clients until it is final.
	 * @param execution the execution
	 * @return the key its completion will be delivered under ({@link HubExecutionFinishedEvent#idempotencyKey()})
	 * @throws IllegalArgumentException when the execution's client is not one of the tracker's
	 */
	public String track(HubServiceExecution execution) {
		Objects.requireNonNull(execution, "execution must not be null");
		return track(execution.reactive());
	}

	/**
	 * Tracks an execution of one of the tracker's clients until it is final.
	 * @param execution the execution
	 * @return the key its completion will be delivered under ({@link HubExecutionFinishedEvent#idempotencyKey()})
	 * @throws IllegalArgumentException when the execution's service is not one of the tracker's
	 */
	public String track(ReactiveHubServiceExecution execution) {
		Objects.requireNonNull(execution, "execution must not be null");
		String service = this.clients.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().serviceName().equals(execution.serviceName()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("execution " + execution.id() + " belongs to service '"
					+ execution.serviceName() + "', which this tracker does not poll; its services are "
					+ this.clients.keySet()));
		this.handles.put(service + "/" + execution.id(), execution);
		return track(service, execution.id(), execution.status().isFinal(), execution.nextPollDelay());
	}

	/**
	 * Tracks an execution by service name and id (for example one started elsewhere, or in an earlier run).
	 * @param service the service name ({@code default}, or the key under {@code qhub.services})
	 * @param id the execution id
	 * @return the key its completion will be delivered under
	 * @throws IllegalArgumentException when the service is not one of the tracker's
	 */
	public String track(String service, String id) {
		ReactiveHubServiceClient client = this.clients.get(service);
		return track(service, id, false, (client != null) ? client.pollingPolicy().delayBefore(1) : Duration.ZERO);
	}

	private String track(String service, String id, boolean knownFinal, Duration firstPoll) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("id must not be empty");
		}
		ReactiveHubServiceClient client = this.clients.get(service);
		if (client == null) {
			throw new IllegalArgumentException("service '" + service + "' is not tracked here; tracked services: "
					+ this.clients.keySet());
		}
		if (this.closed) {
			throw new IllegalStateException("The tracker is closed; execution " + id + " was not tracked");
		}
		Instant now = this.clock.instant();
		Instant first = knownFinal ? now : now.plus(firstPoll);
		TrackedExecution execution = new TrackedExecution(service, id, now, first, 0);
		this.store.add(execution);
		start();
		if (!first.isAfter(now)) {
			claimSoon();
		}
		return execution.key();
	}

	/**
	 * Stops tracking an execution (no event is delivered for it).
	 * @param service the service name
	 * @param id the execution id
	 * @return whether it was tracked
	 */
	public boolean untrack(String service, String id) {
		this.handles.remove(service + "/" + id);
		return this.store.remove(service, id);
	}

	/**
	 * The executions tracked now (by every instance sharing the store), earliest due first.
	 * @return a snapshot
	 */
	public List<TrackedExecution> tracked() {
		return this.store.list();
	}

	/**
	 * This tracker's id in leases.
	 * @return the instance id
	 */
	public String instanceId() {
		return this.instanceId;
	}

	private void start() {
		if (this.started.compareAndSet(false, true)) {
			this.scheduler.scheduleWithFixedDelay(this::tick, 0, this.tick.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/** A claim on the scheduler thread before the next tick (for executions due now), coalesced. */
	private void claimSoon() {
		if (this.claimRequested.compareAndSet(false, true)) {
			try {
				this.scheduler.execute(() -> {
					this.claimRequested.set(false);
					tick();
				});
			}
			catch (RejectedExecutionException ex) {
				// closed: nothing more is claimed here
			}
		}
	}

	/**
	 * One round, every tick: claims what is due. Never throws: an exception would end the periodic task, and with
	 * it all tracking.
	 */
	private void tick() {
		if (this.closed) {
			return;
		}
		try {
			claim();
		}
		catch (RuntimeException ex) {
			logger.error("A tracking round failed (" + ex.getClass().getName() + "); the next one runs in "
					+ this.tick.toMillis() + " ms", ex);
		}
	}

	/**
	 * Claims what is due, up to the free concurrency, and polls it; on the scheduler thread. When it got all it
	 * asked for, more may be due: each finished poll then claims again, so a backlog drains as fast as polls
	 * complete rather than one batch per tick.
	 */
	private void claim() {
		int free = this.maxConcurrency - this.inFlight.get();
		if (free <= 0) {
			return;
		}
		Instant now = this.clock.instant();
		Instant leaseUntil = now.plus(this.claimPeriod);
		List<TrackedExecution> due;
		try {
			due = this.store.claimDue(this.instanceId, now, leaseUntil, free);
		}
		catch (RuntimeException ex) {
			this.backlog = false;
			logger.warn("Claiming tracked executions failed (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
					+ "); trying again in " + this.tick.toMillis() + " ms");
			return;
		}
		this.backlog = due.size() == free;
		for (TrackedExecution execution : due) {
			poll(execution, leaseUntil);
		}
	}

	private void poll(TrackedExecution execution, Instant leaseUntil) {
		ReactiveHubServiceClient client = this.clients.get(execution.service());
		if (client == null) {
			// another instance's service: leave it to an instance that has the client
			logger.warn("Tracked execution " + execution.key() + " belongs to a service this instance does not poll "
					+ this.clients.keySet() + "; left to the other instances");
			release(execution.dueAt(this.clock.instant().plus(this.lease), execution.polls()));
			return;
		}
		this.inFlight.incrementAndGet();
		Instant sent = this.clock.instant();
		ReactiveHubServiceExecution known = this.handles.get(execution.key());
		Mono<ReactiveHubServiceExecution> poll = (known != null) ? known.refresh().thenReturn(known)
				: client.getServiceExecution(execution.id());
		// a poll ends within half its claim, whatever the server does, so its answer is handled while the lease holds
		poll.timeout(this.claimPeriod.dividedBy(2)).subscribe(
				(handle) -> onScheduler(() -> polled(execution, handle, leaseUntil)),
				(ex) -> onScheduler(() -> failed(execution, ex)));
	}

	private void onScheduler(Runnable task) {
		try {
			this.scheduler.execute(() -> {
				try {
					task.run();
				}
				finally {
					this.inFlight.decrementAndGet();
				}
				if (this.backlog) {
					tick();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// closed: the lease runs out and the execution is polled again (here after a restart, or elsewhere)
			this.inFlight.decrementAndGet();
		}
	}

	private void polled(TrackedExecution execution, ReactiveHubServiceExecution handle, Instant leaseUntil) {
		int polls = execution.polls() + 1;
		ServiceExecution state = handle.execution();
		if (!state.status().isFinal()) {
			this.handles.put(execution.key(), handle);
			Duration next = handle.nextPollDelay();
			if (logger.isDebugEnabled()) {
				logger.debug("Tracked execution " + execution.key() + " is " + state.status() + " after poll " + polls
						+ "; next poll in " + next.toMillis() + " ms");
			}
			release(execution.dueAt(this.clock.instant().plus(next), polls));
			return;
		}
		this.handles.remove(execution.key());
		Duration left = Duration.between(this.clock.instant(), leaseUntil);
		if (left.compareTo(this.claimPeriod.dividedBy(2)) < 0) {
			// too little of the lease is left to deliver before another instance may claim it: poll again
			release(execution.dueAt(this.clock.instant(), polls));
			return;
		}
		try {
			this.listener.accept(new HubExecutionFinishedEvent(this, execution.service(), state));
		}
		catch (RuntimeException ex) {
			Duration retry = retryDelay(polls);
			logger.warn("Delivering the completion of tracked execution " + execution.key() + " failed ("
					+ ex.getClass().getName() + ": " + ex.getMessage() + "); it is delivered again in "
					+ retry.toMillis() + " ms");
			release(execution.dueAt(this.clock.instant().plus(retry), polls));
			return;
		}
		try {
			this.store.complete(execution, this.instanceId);
		}
		catch (RuntimeException ex) {
			logger.warn("Recording the delivered completion of tracked execution " + execution.key() + " failed ("
					+ ex.getClass().getSimpleName() + "); it may be delivered again");
		}
	}

	private void failed(TrackedExecution execution, Throwable ex) {
		int polls = execution.polls() + 1;
		Duration retry = retryDelay(polls);
		logger.warn("Polling tracked execution " + execution.key() + " failed (" + ex.getMessage()
				+ "); it stays tracked, next poll in " + retry.toMillis() + " ms");
		release(execution.dueAt(this.clock.instant().plus(retry), polls));
	}

	/** The delay before polling (or delivering) again after a failure, after {@code polls} polls. */
	private Duration retryDelay(int polls) {
		return this.retryBackoff.delay(polls + 1);
	}

	private void release(TrackedExecution execution) {
		try {
			this.store.reschedule(execution, this.instanceId);
		}
		catch (RuntimeException ex) {
			logger.warn("Rescheduling tracked execution " + execution.key() + " failed ("
					+ ex.getClass().getSimpleName() + "); it is polled again once its lease has run out");
		}
	}

	/**
	 * Stops polling. Tracked executions stay in the store: a shared store's other instances (or this application
	 * after a restart) go on with them, the leases this instance held running out first.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.scheduler.shutdownNow();
	}

	@Override
	public String toString() {
		return "HubExecutionTracker[instance=" + this.instanceId + ", services=" + this.clients.keySet() + ", store="
				+ this.store + "]";
	}

	/** Builds a {@link HubExecutionTracker}. */
	public static final class Builder {

		private final Map<String, ReactiveHubServiceClient> clients = new LinkedHashMap<>();

		private TrackedExecutionStore store = new InMemoryTrackedExecutionStore();

		private Consumer<HubExecutionFinishedEvent> listener = (event) -> {
		};

		private String instanceId = UUID.randomUUID().toString();

		private Duration lease = Duration.ofSeconds(30);

		private Duration tick = Duration.ofSeconds(1);

		private int maxConcurrency = 32;

		private Clock clock = Clock.systemUTC();

		private Backoff retryBackoff = new Backoff(Duration.ofMillis(500), 2, Duration.ofSeconds(5), 0);

		private Builder() {
		}

		/**
		 * The backoff after a failed status poll or a failed delivery (by the number of polls made); 500 ms doubling
		 * to 5 s by default.
		 * @param retryBackoff the backoff
		 * @return this builder
		 */
		public Builder retryBackoff(Backoff retryBackoff) {
			this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff must not be null");
			return this;
		}

		/**
		 * Adds a service whose executions can be tracked.
		 * @param service its name (the store keeps it with each execution)
		 * @param client its client
		 * @return this builder
		 */
		public Builder client(String service, ReactiveHubServiceClient client) {
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
		public Builder store(TrackedExecutionStore store) {
			this.store = Objects.requireNonNull(store, "store must not be null");
			return this;
		}

		/**
		 * Receives each completion (on the tracker's thread; a listener that throws has it delivered again).
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(Consumer<HubExecutionFinishedEvent> listener) {
			this.listener = Objects.requireNonNull(listener, "listener must not be null");
			return this;
		}

		/**
		 * This tracker's id in leases; a random UUID by default. Must differ between instances sharing a store.
		 * @param instanceId the id
		 * @return this builder
		 */
		public Builder instanceId(String instanceId) {
			if (instanceId == null || instanceId.isBlank()) {
				throw new InvalidSettingException("instanceId", "must not be empty", instanceId);
			}
			this.instanceId = instanceId;
			return this;
		}

		/**
		 * How long a claimed execution belongs to this tracker: the longest a dead instance's executions wait to
		 * be taken over; 30 s by default.
		 * @param lease the lease
		 * @return this builder
		 */
		public Builder lease(Duration lease) {
			this.lease = positive("lease", lease);
			return this;
		}

		/**
		 * How often due executions are claimed; 1 s by default.
		 * @param tick the interval
		 * @return this builder
		 */
		public Builder tick(Duration tick) {
			this.tick = positive("tick", tick);
			return this;
		}

		/**
		 * The most status polls in flight at once; 32 by default.
		 * @param maxConcurrency the bound
		 * @return this builder
		 */
		public Builder maxConcurrency(int maxConcurrency) {
			if (maxConcurrency < 1) {
				throw new InvalidSettingException("maxConcurrency", "must be at least 1", maxConcurrency);
			}
			this.maxConcurrency = maxConcurrency;
			return this;
		}

		/**
		 * The clock leases and schedules are taken from.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Builds the tracker; it starts polling at once with a shared store, else at its first {@code track}.
		 * @return the tracker
		 * @throws InvalidSettingException when no client was added, or the tick is not shorter than the lease
		 */
		public HubExecutionTracker build() {
			if (this.clients.isEmpty()) {
				throw new InvalidSettingException("clients", "must name at least one service", this.clients.keySet());
			}
			if (this.tick.compareTo(this.lease) >= 0) {
				throw new InvalidSettingException("tick", "must be shorter than the lease (" + this.lease + ")",
						this.tick);
			}
			return new HubExecutionTracker(this);
		}

		private static Duration positive(String name, Duration value) {
			if (value == null || value.isZero() || value.isNegative()) {
				throw new InvalidSettingException(name, "must be positive", value);
			}
			return value;
		}

	}

}
