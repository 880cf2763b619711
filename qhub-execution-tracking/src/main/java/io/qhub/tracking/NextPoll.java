package io.qhub.tracking;

import java.time.Duration;
import java.util.Objects;

/**
 * A claimed execution handed back to a {@link TrackedExecutionStore}, due again after a
 * delay counted on the store's clock.
 *
 * @param execution the execution as claimed ({@code claim} the fencing token of that
 * claim), with the polls and failed deliveries made since
 * @param dueIn how long after the store applies the release the execution is due again
 */
public record NextPoll(TrackedExecution execution, Duration dueIn) {

	/** Checks the fields. */
	public NextPoll {
		Objects.requireNonNull(execution, "execution must not be null");
		Objects.requireNonNull(dueIn, "dueIn must not be null");
		if (dueIn.isNegative()) {
			throw new IllegalArgumentException("dueIn must not be negative: " + dueIn);
		}
	}

}
