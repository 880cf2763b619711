package io.qhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * This tracker's leases on the store's executions, and the timing rules that keep one
 * instance at a time polling an execution and delivering its completion: a claim holds
 * for one tick less than the lease, so that another instance's next tick takes over the
 * executions of an instance that died within one lease period; a poll ends within half
 * its claim; a completion is delivered only while at least half of the claim is left.
 * Releasing or completing never throws: a store error is logged at WARN and the lease
 * runs out instead.
 */
final class Leases {

	private static final Log logger = LogFactory.getLog(HubExecutionTracker.class);

	private final TrackedExecutionStore store;

	private final String owner;

	private final Duration lease;

	private final Duration claimPeriod;

	/**
	 * Leases held under an instance id.
	 * @param store the store
	 * @param owner the instance id
	 * @param lease how long a claimed execution belongs to this instance
	 * @param tick how often due executions are claimed (shorter than the lease)
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
	 * When a claim made now runs out.
	 * @param now the current instant
	 * @return one claim period later
	 */
	Instant claimUntil(Instant now) {
		return now.plus(this.claimPeriod);
	}

	/**
	 * How long a status poll may take: half a claim, so that its answer is handled while
	 * the lease holds.
	 * @return the bound
	 */
	Duration pollTimeout() {
		return this.claimPeriod.dividedBy(2);
	}

	/**
	 * Whether enough of a claim is left to deliver a completion before another instance
	 * may claim the execution: at least half of it.
	 * @param now the current instant
	 * @param leaseUntil when the claim runs out
	 * @return whether to deliver now
	 */
	boolean leftToDeliver(Instant now, Instant leaseUntil) {
		return Duration.between(now, leaseUntil).compareTo(this.claimPeriod.dividedBy(2)) >= 0;
	}

	/**
	 * Claims the executions that are due.
	 * @param now the current instant
	 * @param leaseUntil when the claims run out
	 * @param limit the most to claim
	 * @return the executions claimed
	 */
	List<TrackedExecution> claimDue(Instant now, Instant leaseUntil, int limit) {
		return this.store.claimDue(this.owner, now, leaseUntil, limit);
	}

	/**
	 * Sets when a claimed execution is due next and releases its lease.
	 * @param execution the execution with its new {@code nextPollAt} and {@code polls}
	 */
	void release(TrackedExecution execution) {
		try {
			this.store.reschedule(execution, this.owner);
		}
		catch (RuntimeException ex) {
			logger.warn("Rescheduling tracked execution " + execution.key() + " failed ("
					+ ex.getClass().getSimpleName() + "); it is polled again once its lease has run out");
		}
	}

	/**
	 * Removes a claimed execution whose completion was delivered.
	 * @param execution the execution
	 */
	void complete(TrackedExecution execution) {
		try {
			this.store.complete(execution, this.owner);
		}
		catch (RuntimeException ex) {
			logger.warn("Recording the delivered completion of tracked execution " + execution.key() + " failed ("
					+ ex.getClass().getSimpleName() + "); it may be delivered again");
		}
	}

}
