package io.qhub.service.client;

import io.qhub.service.client.model.ServiceExecutionStatus;
import org.jspecify.annotations.Nullable;

/**
 * What became of one item of a batch: its index in the requests, the execution of its
 * last attempt, the status last seen, and either the value the item's work produced or
 * the failure that ended it. Every item of a batch has exactly one outcome.
 * <ul>
 * <li>succeeded: the execution ended SUCCEEDED and the work produced {@code value};</li>
 * <li>the execution ended FAILED or CANCELLED: {@code status} says so, {@code value}
 * holds what the work produced for it (by default its result response), no failure;</li>
 * <li>failed: {@code failure} is the typed exception that ended the item: the start's
 * ({@code HubApiException}, {@code HubTransportException}, ...), the wait's
 * ({@link ExecutionTimeoutException}), the work's, or a {@link BatchCancelledException}
 * when the batch was cancelled before the item ended ({@code executionId} is {@code null}
 * when it was never started).</li>
 * </ul>
 *
 * @param <T> the work's value
 * @param index the item's index in the requests
 * @param executionId the id of the execution of the last attempt, {@code null} when none
 * was started
 * @param status the status last seen of that execution, {@code UNKNOWN} when none was
 * started
 * @param value what the work produced, {@code null} when it failed or did not run
 * @param failure what ended the item, {@code null} when the work ran to its end
 * @param attempts how many times the item was started (or tried to be)
 */
public record BatchOutcome<T>(int index, @Nullable String executionId, ServiceExecutionStatus status, @Nullable T value,
		@Nullable Throwable failure, int attempts) {

	/**
	 * Whether the item succeeded: its execution ended SUCCEEDED and its work produced a
	 * value.
	 * @return {@code true} on success
	 */
	public boolean succeeded() {
		return this.failure == null && this.status == ServiceExecutionStatus.SUCCEEDED;
	}

}
