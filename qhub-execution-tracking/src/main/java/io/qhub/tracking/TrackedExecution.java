package io.qhub.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * One tracked execution as a {@link TrackedExecutionStore} keeps it.
 *
 * @param service the name of the service (client) it belongs to, e.g. {@code default}
 * @param id the execution id
 * @param trackedAt when it was handed to the tracker
 * @param nextPollAt when it is due for its next status poll
 * @param polls how many status polls were made for it so far (the polling policy's
 * schedule follows it)
 */
public record TrackedExecution(String service, String id, Instant trackedAt, Instant nextPollAt, int polls) {

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
		return this.service + "/" + this.id;
	}

	/**
	 * The same execution, due again later.
	 * @param next when it is due
	 * @param pollsMade the polls made so far
	 * @return the updated execution
	 */
	public TrackedExecution dueAt(Instant next, int pollsMade) {
		return new TrackedExecution(this.service, this.id, this.trackedAt, next, pollsMade);
	}

}
