package io.qhub.tracking;

import java.time.Duration;
import java.util.List;

/**
 * Where a {@link HubExecutionTracker} keeps the executions it tracks, and how several
 * trackers (instances of one application, or one application across restarts) share them.
 * An execution due for a poll is <em>claimed</em> by one tracker for a lease; each claim
 * increments the execution's fencing token ({@link TrackedExecution#claim()}), and a
 * release ({@link #reschedule}) applies only while the token it names is still the
 * execution's: the answer of a poll whose claim has run out and been taken again changes
 * nothing. A completion ({@link #complete}) removes the execution whoever claimed it
 * since: it is written only after the listener returned, so it is never stale, and an
 * execution whose listener outlived its claim must not be delivered again and again. A
 * claim that runs out (its holder died or stalled) makes the execution due again.
 * <p>
 * All lease and schedule arithmetic is done on the store's clock: a database store uses
 * the database's, so instances whose clocks differ still agree on every lease. Callers
 * pass durations, never instants. Implementations are thread-safe.
 */
public interface TrackedExecutionStore {

	/**
	 * Adds an execution; one already tracked (same service and id) is left as it is.
	 * @param service the service name
	 * @param id the execution id
	 * @param firstPollIn how long from now its first poll is due
	 * @return whether it was added
	 */
	boolean add(String service, String id, Duration firstPollIn);

	/**
	 * Claims up to {@code limit} executions that are due (released and due, or claimed by
	 * a claim that ran out), earliest due first: each gets {@code owner} as its lease
	 * owner, a new fencing token, and is due again only when the claim runs out,
	 * {@code lease} from now.
	 * @param owner the claiming tracker's instance id
	 * @param lease how long the claims hold
	 * @param limit the most to claim
	 * @return the executions claimed
	 */
	List<TrackedClaim> claimDue(String owner, Duration lease, int limit);

	/**
	 * Releases claimed executions, each due again after its delay, with the polls and
	 * failed deliveries it carries; an execution whose fencing token has changed since
	 * (claimed again) or that is no longer tracked is left as it is.
	 * @param nextPolls the releases
	 * @return how many were applied
	 */
	int reschedule(List<NextPoll> nextPolls);

	/**
	 * Removes executions whose completions were delivered, whether or not they were
	 * claimed again since (the new claimant may deliver once more, but no later claim
	 * will).
	 * @param delivered the executions as claimed
	 * @return how many were removed (fewer when some were untracked or removed meanwhile)
	 */
	int complete(List<TrackedExecution> delivered);

	/**
	 * Stops tracking an execution, whoever holds it.
	 * @param service the service name
	 * @param id the execution id
	 * @return whether it was tracked
	 */
	boolean remove(String service, String id);

	/**
	 * The tracked executions, earliest due first.
	 * @param limit the most to list
	 * @return a snapshot of at most {@code limit} executions
	 */
	List<TrackedExecution> list(int limit);

	/**
	 * How many executions are tracked and due, by service.
	 * @return a snapshot
	 */
	TrackingSummary summary();

	/**
	 * Whether other trackers (other instances, or this application before a restart) may
	 * have added executions, so a tracker must poll from its start rather than from its
	 * first {@code track}.
	 * @return {@code true} for a shared store
	 */
	default boolean shared() {
		return false;
	}

}
