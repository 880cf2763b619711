package io.qhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * This tracker's claims on the store's executions, the timing rules that keep one
 * instance at a time polling an execution and delivering its completion, and the batch of
 * releases and completions written once per round.
 * <p>
 * A claim holds for one tick less than the lease, so that another instance's next tick
 * takes over the executions of an instance that died within one lease period. Every bound
 * counts from the claim, on this instance's clock, which is read before the claim is
 * sent: the store's lease (on its own clock) ends no earlier than that. A poll ends
 * within half the claim; a completion is delivered only while at least half of it is
 * left. Releases and completions queue until {@link #flush()}; one that cannot be written
 * (the store is down) stays queued and is written at a later flush (a release's fencing
 * token makes a late write harmless, a completion is never stale), and until it is
 * written nothing new is claimed.
 */
final class Leases {

	private static final Log logger = LogFactory.getLog(HubExecutionTracker.class);

	private final TrackedExecutionStore store;

	private final String owner;

	private final Duration lease;

	private final Duration claimPeriod;

	private final List<NextPoll> releases = new ArrayList<>();

	private final List<TrackedExecution> completions = new ArrayList<>();

	private int failedFlushes;

	/**
	 * Leases held under an instance id.
	 * @param store the store
	 * @param owner the instance id
	 * @param lease how long a claimed execution belongs to this instance
	 * @param tick how often due executions are claimed (at most a third of the lease)
	 */
	Leases(TrackedExecutionStore store, String owner, Duration lease, Duration tick) {
		this.store = store;
		this.owner = owner;
		this.lease = lease;
		this.claimPeriod = lease.minus(tick);
	}

	/**
	 * The instance id the leases are held under.
	 * @return the id
	 */
	String owner() {
		return this.owner;
	}

	/**
	 * The lease: an execution of a service polled only elsewhere is left alone for this
	 * long.
	 * @return the lease
	 */
	Duration lease() {
		return this.lease;
	}

	/**
	 * How long a status poll claimed at an instant may still take: until half of its
	 * claim has passed, so that its answer is handled while the claim holds.
	 * @param claimedAt when the claim was sent
	 * @param now the current instant
	 * @return the time left, never negative
	 */
	Duration pollTimeout(Instant claimedAt, Instant now) {
		Duration left = Duration.between(now, claimedAt.plus(this.claimPeriod.dividedBy(2)));
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * Whether enough of a claim is left to deliver a completion before another instance
	 * may claim the execution: at least half of it.
	 * @param claimedAt when the claim was sent
	 * @param now the current instant
	 * @return whether to deliver now
	 */
	boolean leftToDeliver(Instant claimedAt, Instant now) {
		return Duration.between(claimedAt, now).compareTo(this.claimPeriod.dividedBy(2)) <= 0;
	}

	/**
	 * Whether a listener that took some time may have let the claim run out.
	 * @param took how long the listener took
	 * @return whether it took more than half a claim
	 */
	boolean tooSlow(Duration took) {
		return took.compareTo(this.claimPeriod.dividedBy(2)) > 0;
	}

	/**
	 * Claims the executions that are due, in one statement.
	 * @param limit the most to claim
	 * @return the claims
	 */
	List<TrackedClaim> claimDue(int limit) {
		return this.store.claimDue(this.owner, this.claimPeriod, limit);
	}

	/**
	 * Queues the release of a claimed execution, due again after a delay.
	 * @param claimed the execution as claimed, with its polls and failed deliveries
	 * @param dueIn the delay
	 */
	void release(TrackedExecution claimed, Duration dueIn) {
		this.releases.add(new NextPoll(claimed, dueIn));
	}

	/**
	 * Queues the removal of a claimed execution whose completion was delivered.
	 * @param claimed the execution as claimed
	 */
	void complete(TrackedExecution claimed) {
		this.completions.add(claimed);
	}

	/**
	 * How many releases and completions are queued.
	 * @return the count
	 */
	int queued() {
		return this.releases.size() + this.completions.size();
	}

	/**
	 * Writes the queued completions, then the queued releases, one statement each. Never
	 * throws: a store error is logged at WARN (once, then at DEBUG until a flush
	 * succeeds) and the writes stay queued.
	 * @return whether nothing is left queued
	 */
	boolean flush() {
		try {
			if (!this.completions.isEmpty()) {
				int removed = this.store.complete(this.completions);
				if (removed < this.completions.size() && logger.isDebugEnabled()) {
					logger.debug((this.completions.size() - removed) + " delivered executions were no longer "
							+ "tracked (untracked, or delivered and removed by another instance meanwhile)");
				}
				this.completions.clear();
			}
			if (!this.releases.isEmpty()) {
				int applied = this.store.reschedule(this.releases);
				if (applied < this.releases.size() && logger.isDebugEnabled()) {
					logger.debug((this.releases.size() - applied) + " releases changed nothing: their claims were "
							+ "taken again, or the executions untracked, meanwhile");
				}
				this.releases.clear();
			}
			if (this.failedFlushes > 0) {
				logger.info("The tracking store is reachable again after " + this.failedFlushes + " failed writes");
				this.failedFlushes = 0;
			}
			return true;
		}
		catch (RuntimeException ex) {
			this.failedFlushes++;
			String message = "Writing " + queued() + " tracking results failed (" + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage() + "); they are written again at the next round, nothing is claimed "
					+ "until then";
			if (this.failedFlushes == 1) {
				logger.warn(message);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(message);
			}
			return false;
		}
	}

}
