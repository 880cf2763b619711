package io.qhub.autoconfigure.tracking;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.qhub.tracking.InMemoryTrackedExecutionStore;
import io.qhub.tracking.NextPoll;
import io.qhub.tracking.TrackedClaim;
import io.qhub.tracking.TrackedExecution;
import io.qhub.tracking.TrackedExecutionStore;
import io.qhub.tracking.TrackingSummary;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory store that counts the summaries asked of it and whose summary can be made
 * to fail, as a database's does while it is down.
 */
final class CountingStore implements TrackedExecutionStore {

	private final InMemoryTrackedExecutionStore delegate = new InMemoryTrackedExecutionStore();

	private final AtomicInteger summaries = new AtomicInteger();

	private volatile @Nullable RuntimeException failure;

	/**
	 * How many summaries were asked so far.
	 * @return the count
	 */
	int summaries() {
		return this.summaries.get();
	}

	/**
	 * Makes the next summaries fail, or answer again.
	 * @param failure what they throw, {@code null} to answer
	 */
	void failWith(@Nullable RuntimeException failure) {
		this.failure = failure;
	}

	@Override
	public TrackingSummary summary() {
		this.summaries.incrementAndGet();
		RuntimeException ex = this.failure;
		if (ex != null) {
			throw ex;
		}
		return this.delegate.summary();
	}

	@Override
	public boolean add(String service, String id, Duration firstPollIn) {
		return this.delegate.add(service, id, firstPollIn);
	}

	@Override
	public List<TrackedClaim> claimDue(String owner, Duration lease, int limit) {
		return this.delegate.claimDue(owner, lease, limit);
	}

	@Override
	public int reschedule(List<NextPoll> nextPolls) {
		return this.delegate.reschedule(nextPolls);
	}

	@Override
	public int complete(List<TrackedExecution> delivered) {
		return this.delegate.complete(delivered);
	}

	@Override
	public boolean remove(String service, String id) {
		return this.delegate.remove(service, id);
	}

	@Override
	public List<TrackedExecution> list(int limit) {
		return this.delegate.list(limit);
	}

}
