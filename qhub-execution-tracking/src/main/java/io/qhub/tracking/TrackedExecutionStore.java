package io.qhub.tracking;

import java.time.Instant;
import java.util.List;

/**
 * Where a {@link HubExecutionTracker} keeps the executions it tracks, and how several
 * trackers (instances of one application, or one application across restarts) share them:
 * an execution due for a poll is <em>claimed</em> by one tracker with a lease; only the
 * holder of the lease reschedules or removes it; a lease that runs out (its holder died)
 * lets another tracker claim the execution. Implementations are thread-safe.
 */
public interface TrackedExecutionStore {

	/**
	 * Adds an execution; one already tracked (same service and id) is left as it is.
	 * @param execution the execution
	 * @return whether it was added
	 */
	boolean add(TrackedExecution execution);

	/**
	 * Claims executions due for a poll ({@code nextPollAt} not after {@code now}) whose
	 * lease is free or ran out, earliest due first.
	 * @param owner the claiming tracker's instance id
	 * @param now the current instant
	 * @param leaseUntil when the lease of each claimed execution runs out
	 * @param limit the most to claim
	 * @return the executions now leased to {@code owner}
	 */
	List<TrackedExecution> claimDue(String owner, Instant now, Instant leaseUntil, int limit);

	/**
	 * Sets when a claimed execution is due next and releases its lease, if {@code owner}
	 * still holds it.
	 * @param execution the execution with its new {@code nextPollAt} and {@code polls}
	 * @param owner the tracker's instance id
	 * @return whether {@code owner} held the lease
	 */
	boolean reschedule(TrackedExecution execution, String owner);

	/**
	 * Removes a claimed execution whose completion was delivered, if {@code owner} still
	 * holds its lease.
	 * @param execution the execution
	 * @param owner the tracker's instance id
	 * @return whether {@code owner} held the lease (and removed it)
	 */
	boolean complete(TrackedExecution execution, String owner);

	/**
	 * Stops tracking an execution, whoever holds it.
	 * @param service the service name
	 * @param id the execution id
	 * @return whether it was tracked
	 */
	boolean remove(String service, String id);

	/**
	 * The tracked executions, earliest due first.
	 * @return a snapshot
	 */
	List<TrackedExecution> list();

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
