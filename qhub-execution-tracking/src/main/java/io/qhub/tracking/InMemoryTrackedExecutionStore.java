package io.qhub.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The default store: tracked executions live in this JVM only and are forgotten when it
 * stops. About 200 bytes per execution; claiming scans them (10,000 in well under a
 * millisecond).
 */
public final class InMemoryTrackedExecutionStore implements TrackedExecutionStore {

	private static final Comparator<TrackedExecution> DUE_FIRST = Comparator.comparing(TrackedExecution::nextPollAt);

	private final Map<String, Entry> executions = new HashMap<>();

	/**
	 * Creates an empty store.
	 */
	public InMemoryTrackedExecutionStore() {
	}

	@Override
	public synchronized boolean add(TrackedExecution execution) {
		return this.executions.putIfAbsent(execution.key(), new Entry(execution)) == null;
	}

	@Override
	public synchronized List<TrackedExecution> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
		List<Entry> due = new ArrayList<>();
		for (Entry entry : this.executions.values()) {
			if (!entry.execution.nextPollAt().isAfter(now) && (entry.owner == null || !entry.leaseUntil.isAfter(now))) {
				due.add(entry);
			}
		}
		due.sort(Comparator.comparing((Entry entry) -> entry.execution, DUE_FIRST));
		List<TrackedExecution> claimed = new ArrayList<>();
		for (Entry entry : due.subList(0, Math.min(limit, due.size()))) {
			entry.owner = owner;
			entry.leaseUntil = leaseUntil;
			claimed.add(entry.execution);
		}
		return claimed;
	}

	@Override
	public synchronized boolean reschedule(TrackedExecution execution, String owner) {
		Entry entry = this.executions.get(execution.key());
		if (entry == null || !owner.equals(entry.owner)) {
			return false;
		}
		this.executions.put(execution.key(), new Entry(execution));
		return true;
	}

	@Override
	public synchronized boolean complete(TrackedExecution execution, String owner) {
		Entry entry = this.executions.get(execution.key());
		if (entry == null || !owner.equals(entry.owner)) {
			return false;
		}
		this.executions.remove(execution.key());
		return true;
	}

	@Override
	public synchronized boolean remove(String service, String id) {
		return this.executions.remove(service + "/" + id) != null;
	}

	@Override
	public synchronized List<TrackedExecution> list() {
		return this.executions.values().stream().map((entry) -> entry.execution).sorted(DUE_FIRST).toList();
	}

	@Override
	public String toString() {
		return "InMemoryTrackedExecutionStore[" + list().size() + " tracked]";
	}

	private static final class Entry {

		private final TrackedExecution execution;

		private @Nullable String owner;

		private Instant leaseUntil = Instant.EPOCH;

		Entry(TrackedExecution execution) {
			this.execution = execution;
		}

	}

}
