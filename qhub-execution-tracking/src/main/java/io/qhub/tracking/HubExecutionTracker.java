package io.qhub.tracking;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.core.PollingPolicy;

/**
 * Follows executions until they are final, without a thread or a subscription per
 * execution, and tells the application once each one is.
 * {@link #track(HubServiceExecution)} hands an execution over; one scheduler thread
 * ({@code qhub-tracker}) claims the executions that are due from the
 * {@link TrackedExecutionStore}, and at most {@code maxConcurrency} status polls are in
 * flight at once (non-blocking). The next poll of an execution still running follows its
 * client's schedule ({@link ReactiveHubServiceExecution#nextPollDelay()}): learned from
 * the client's earlier executions where it submitted this one, else the
 * {@link PollingPolicy}'s doubling schedule; what a tracked execution's polls saw teaches
 * that schedule too. A final state is delivered to the listener as a
 * {@link HubExecutionFinished} on the scheduler thread, and only then is the execution
 * removed from the store: <em>at least once</em>.
 * <p>
 * With a shared store ({@link JdbcTrackedExecutionStore}) tracking survives restarts and
 * is shared by instances. Each poll holds a lease on its row ({@code lease}, 30 s by
 * default), so one instance at a time polls an execution and delivers its completion. A
 * completion is delivered only while at least half of the lease is left, so a listener
 * must return within half a lease. A claim holds for one tick less than the lease, so the
 * executions of an instance that died are claimed by another instance within one lease
 * period. A failed status poll (the gateway down, a timeout, any error, or no answer
 * within half the lease) is logged at WARN and retried on the schedule: the execution
 * stays tracked until it is final or {@link #untrack(String, String) untracked}.
 */
public final class HubExecutionTracker implements AutoCloseable {

	private final ClientPolls clients;

	private final TrackedExecutionStore store;

	private final String instanceId;

	private final ClaimLoop loop;

	private final TrackingStatistics statistics;

	private final Duration closeTimeout;

	/**
	 * A tracker of assembled parts; it starts its loop at once with a shared store.
	 * @param clients its clients
	 * @param store its store
	 * @param instanceId its id in leases
	 * @param loop its claim loop
	 * @param statistics what it counts
	 * @param closeTimeout how long {@link #close()} waits for the last round
	 */
	HubExecutionTracker(ClientPolls clients, TrackedExecutionStore store, String instanceId, ClaimLoop loop,
			TrackingStatistics statistics, Duration closeTimeout) {
		this.clients = clients;
		this.store = store;
		this.instanceId = instanceId;
		this.loop = loop;
		this.statistics = statistics;
		this.closeTimeout = closeTimeout;
		if (store.shared()) {
			loop.start();
		}
	}

	/**
	 * Starts building a tracker.
	 * @return a new builder
	 */
	public static HubExecutionTrackerBuilder builder() {
		return new HubExecutionTrackerBuilder();
	}

	/**
	 * Tracks an execution of one of the tracker's clients until it is final.
	 * @param execution the execution
	 * @return the key its completion will be delivered under
	 * ({@link HubExecutionFinished#idempotencyKey()})
	 * @throws IllegalArgumentException when the execution's client is not one of the
	 * tracker's
	 */
	public String track(HubServiceExecution execution) {
		Objects.requireNonNull(execution, "execution must not be null");
		return track(execution.reactive());
	}

	/**
	 * Tracks an execution of one of the tracker's clients until it is final; its polls go
	 * through this handle, so they follow (and teach) its client's schedule.
	 * @param execution the execution
	 * @return the key its completion will be delivered under
	 * ({@link HubExecutionFinished#idempotencyKey()})
	 * @throws IllegalArgumentException when the execution's service is not one of the
	 * tracker's
	 */
	public String track(ReactiveHubServiceExecution execution) {
		Objects.requireNonNull(execution, "execution must not be null");
		String service = this.clients.adopt(execution);
		return track(service, execution.id(), execution.status().isFinal());
	}

	/**
	 * Tracks an execution by service name and id (for example one started elsewhere, or
	 * in an earlier run).
	 * @param service the service name ({@code default}, or the key under
	 * {@code qhub.services})
	 * @param id the execution id
	 * @return the key its completion will be delivered under
	 * @throws IllegalArgumentException when the service is not one of the tracker's
	 */
	public String track(String service, String id) {
		return track(service, id, false);
	}

	private String track(String service, String id, boolean knownFinal) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("id must not be empty");
		}
		if (!this.clients.polls(service)) {
			throw new IllegalArgumentException(
					"service '" + service + "' is not tracked here; tracked services: " + this.clients.services());
		}
		if (this.loop.isClosed()) {
			throw new IllegalStateException("The tracker is closed; execution " + id + " was not tracked");
		}
		Duration first = knownFinal ? Duration.ZERO : this.clients.firstPollDelay(service, id);
		this.store.add(service, id, first);
		this.loop.start();
		if (first.isZero()) {
			this.loop.claimSoon();
		}
		return TrackedExecution.key(service, id);
	}

	/**
	 * Stops tracking an execution (no completion is delivered for it).
	 * @param service the service name
	 * @param id the execution id
	 * @return whether it was tracked
	 */
	public boolean untrack(String service, String id) {
		this.clients.forget(service, id);
		return this.store.remove(service, id);
	}

	/**
	 * The executions tracked now (by every instance sharing the store), earliest due
	 * first.
	 * @param limit the most to list
	 * @return a snapshot of at most {@code limit} executions
	 */
	public List<TrackedExecution> tracked(int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative: " + limit);
		}
		return this.store.list(limit);
	}

	/**
	 * How many executions are tracked now (by every instance sharing the store) and how
	 * many of them are due, by service: one query on a database store.
	 * @return a snapshot
	 */
	public TrackingSummary summary() {
		return this.store.summary();
	}

	/**
	 * What this tracker has done since it started: claims, lease take-overs, deliveries,
	 * redeliveries and failed polls, by service.
	 * @return the live counters
	 */
	public TrackingStatistics statistics() {
		return this.statistics;
	}

	/**
	 * This tracker's id in leases.
	 * @return the instance id
	 */
	public String instanceId() {
		return this.instanceId;
	}

	/**
	 * Stops polling, promptly: the polls in flight are cancelled and their executions
	 * released, due at once, and the results already seen are written, within a bound (a
	 * third of the lease, at most 5 s). Tracked executions stay in the store: a shared
	 * store's other instances (or this application after a restart) go on with them at
	 * their next tick; what could not be written in time waits for its lease to run out.
	 */
	@Override
	public void close() {
		this.loop.close(this.closeTimeout);
	}

	@Override
	public String toString() {
		return "HubExecutionTracker[instance=" + this.instanceId + ", services=" + this.clients.services() + ", store="
				+ this.store + "]";
	}

}
