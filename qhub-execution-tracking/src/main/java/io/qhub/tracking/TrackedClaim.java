package io.qhub.tracking;

import java.util.Objects;

/**
 * An execution a tracker has just claimed from a {@link TrackedExecutionStore}.
 *
 * @param execution the execution as claimed: {@code leaseOwner} the claiming instance,
 * {@code claim} the new fencing token, {@code nextPollAt} when the claim runs out
 * @param takeover whether the execution was still claimed by an instance (another one, or
 * this one in an earlier claim) whose claim had run out without a release: a lease
 * take-over
 */
public record TrackedClaim(TrackedExecution execution, boolean takeover) {

	/** Checks the fields. */
	public TrackedClaim {
		Objects.requireNonNull(execution, "execution must not be null");
	}

}
