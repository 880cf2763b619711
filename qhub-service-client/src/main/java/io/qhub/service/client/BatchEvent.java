package io.qhub.service.client;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened to one item of a batch, with the batch's counts right after it:
 * its execution was started, was seen running, was unsuccessful and is started again, or
 * the item ended ({@link Kind#FINISHED}, with its outcome). A batch's events end with the
 * last item's {@code FINISHED}.
 *
 * @param <T> the work's value
 * @param kind what happened
 * @param index the item's index in the requests
 * @param executionId the item's current execution, {@code null} before one was started
 * @param progress the batch's counts right after this event
 * @param outcome the item's outcome, for {@link Kind#FINISHED} only
 */
public record BatchEvent<T>(Kind kind, int index, @Nullable String executionId, BatchProgress progress,
		@Nullable BatchOutcome<T> outcome) {

	/** What happened to an item. */
	public enum Kind {

		/**
		 * Its execution was started (the start answered, or found by its submission key).
		 */
		SUBMITTED,

		/** A poll saw its execution RUNNING for the first time. */
		RUNNING,

		/** It was unsuccessful and is started again. */
		RETRYING,

		/** It has its outcome. */
		FINISHED

	}

}
