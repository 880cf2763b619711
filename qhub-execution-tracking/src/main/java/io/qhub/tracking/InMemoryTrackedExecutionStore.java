package io.qhub.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The default store: tracked executions live in this JVM only and are forgotten when it
 * stops. About 200 bytes per execution; claiming scans them (10,000 in well under a
 * millisecond). Its clock is the one lease and schedule arithmetic is done on.
 */
public final class InMemoryTrackedExecutionStore implements TrackedExecutionStore {

	private static final Comparator<TrackedExecution> DUE_FIRST = Comparator.comparing(TrackedExecution::nextPollAt);

	private final Map<String, TrackedExecution> executions = new HashMap<>();

	private final Clock clock;

	/**
	 * An empty store on the system clock.
	 */
	public InMemoryTrackedExecutionStore() {
		this(Clock.systemUTC());
	}

	/**
	 * An empty store on a clock.
	 * @param clock the clock leases and schedules are counted on
	 */
	public InMemoryTrackedExecutionStore(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
	}

	@Override
	public synchronized boolean add(String service, String id, Duration firstPollIn) {
		Instant now = this.clock.instant();
		TrackedExecution execution = new TrackedExecution(service, id, now, now.plus(firstPollIn), 0, 0, null, 0);
		return this.executions.putIfAbsent(execution.key(), execution) == null;
	}

	@Override
	public synchronized List<TrackedClaim> claimDue(String owner, Duration lease, int limit) {
		Instant now = this.clock.instant();
		List<TrackedExecution> due = new ArrayList<>();
		for (TrackedExecution execution : this.executions.values()) {
			if (!execution.nextPollAt().isAfter(now)) {
				due.add(execution);
			}
		}
		due.sort(DUE_FIRST);
		List<TrackedClaim> claimed = new ArrayList<>();
		for (TrackedExecution execution : due.subList(0, Math.min(limit, due.size()))) {
			TrackedExecution claim = new TrackedExecution(execution.service(), execution.id(), execution.trackedAt(),
					now.plus(lease), execution.polls(), execution.failedDeliveries(), owner, execution.claim() + 1);
			this.executions.put(claim.key(), claim);
			claimed.add(new TrackedClaim(claim, execution.leaseOwner() != null));
		}
		return claimed;
	}

	@Override
	public synchronized int reschedule(List<NextPoll> nextPolls) {
		Instant now = this.clock.instant();
		int applied = 0;
		for (NextPoll next : nextPolls) {
			TrackedExecution released = next.execution();
			if (holds(released)) {
				this.executions.put(released.key(),
						new TrackedExecution(released.service(), released.id(), released.trackedAt(),
								now.plus(next.dueIn()), released.polls(), released.failedDeliveries(), null,
								released.claim()));
				applied++;
			}
		}
		return applied;
	}

	@Override
	public synchronized int complete(List<TrackedExecution> delivered) {
		int removed = 0;
		for (TrackedExecution execution : delivered) {
			if (this.executions.remove(execution.key()) != null) {
				removed++;
			}
		}
		return removed;
	}

	private boolean holds(TrackedExecution claimed) {
		TrackedExecution current = this.executions.get(claimed.key());
		return current != null && current.claim() == claimed.claim();
	}

	@Override
	public synchronized boolean remove(String service, String id) {
		return this.executions.remove(TrackedExecution.key(service, id)) != null;
	}

	@Override
	public synchronized List<TrackedExecution> list(int limit) {
		return this.executions.values().stream().sorted(DUE_FIRST).limit(limit).toList();
	}

	@Override
	public synchronized TrackingSummary summary() {
		Instant now = this.clock.instant();
		Map<String, Long> tracked = new TreeMap<>();
		Map<String, Long> due = new TreeMap<>();
		for (TrackedExecution execution : this.executions.values()) {
			tracked.merge(execution.service(), 1L, Long::sum);
			if (!execution.nextPollAt().isAfter(now)) {
				due.merge(execution.service(), 1L, Long::sum);
			}
		}
		return new TrackingSummary(tracked, due);
	}

	@Override
	public String toString() {
		return "InMemoryTrackedExecutionStore[" + summary().totalTracked() + " tracked]";
	}

}
