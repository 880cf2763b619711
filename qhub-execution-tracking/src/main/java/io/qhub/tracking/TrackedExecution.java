package io.qhub.tracking;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One tracked execution as a {@link TrackedExecutionStore} keeps it. Times are the
 * store's: a database store takes them from the database's clock, so instances whose
 * clocks differ agree on them.
 *
 * @param service the name of the service (client) it belongs to, e.g. {@code default}
 * @param id the execution id
 * @param trackedAt when it was handed to the tracker
 * @param nextPollAt when it is due for its next status poll; while it is claimed, when
 * the claim runs out
 * @param polls how many status polls were made for it so far (the polling policy's
 * schedule follows it)
 * @param failedDeliveries how many times its completion was handed to a listener that
 * threw (a delivery after one is a redelivery)
 * @param leaseOwner the instance that claimed it last and has not released it yet, or
 * {@code null}; the claim holds until {@code nextPollAt}
 * @param claim the fencing token: how many times it was claimed; a release or a
 * completion naming an older claim changes nothing
 */
public record TrackedExecution(String service, String id, Instant trackedAt, Instant nextPollAt, int polls,
		int failedDeliveries, @Nullable String leaseOwner, long claim) {

	/** Checks the fields. */
	public TrackedExecution {
		Objects.requireNonNull(service, "service must not be null");
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(trackedAt, "trackedAt must not be null");
		Objects.requireNonNull(nextPollAt, "nextPollAt must not be null");
	}

	/**
	 * The key a completion is delivered under: the same for every delivery of one
	 * execution's completion.
	 * @return {@code service/id}
	 */
	public String key() {
		return key(this.service, this.id);
	}

	/**
	 * The key of an execution.
	 * @param service the service name
	 * @param id the execution id
	 * @return {@code service/id}
	 */
	static String key(String service, String id) {
		return service + "/" + id;
	}

	/**
	 * The same claim with more polls made.
	 * @param pollsMade the polls made so far
	 * @return the updated execution
	 */
	TrackedExecution polled(int pollsMade) {
		return new TrackedExecution(this.service, this.id, this.trackedAt, this.nextPollAt, pollsMade,
				this.failedDeliveries, this.leaseOwner, this.claim);
	}

	/**
	 * The same claim after a listener threw on its completion.
	 * @return the updated execution
	 */
	TrackedExecution deliveryFailed() {
		return new TrackedExecution(this.service, this.id, this.trackedAt, this.nextPollAt, this.polls,
				this.failedDeliveries + 1, this.leaseOwner, this.claim);
	}

}
