package io.qhub.service.core.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How long a call may take and whether the transport retries it. Internal: not exported
 * by the module, may change in any release.
 *
 * @param deadline the latest instant (on the client's clock) the call may end, besides
 * its call timeout; {@code null} for the call timeout alone
 * @param transportRetry whether transient failures are retried by the transport
 * ({@code false} for calls made by a wait or the result retry, which retry on their own
 * schedule)
 */
public record CallBudget(@Nullable Instant deadline, boolean transportRetry) {

	/** A call of its own: the call timeout, transport retries. */
	public static final CallBudget DEFAULT = new CallBudget(null, true);

	/**
	 * One attempt within the call timeout, for a caller that retries on its own schedule.
	 */
	public static final CallBudget SINGLE_ATTEMPT = new CallBudget(null, false);

	/**
	 * One attempt, ending by the given deadline at the latest (a wait's).
	 * @param deadline the deadline
	 * @return the budget
	 */
	public static CallBudget singleAttemptUntil(Instant deadline) {
		return new CallBudget(deadline, false);
	}

}
