package io.qhub.service.client;

import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubClientException;

/**
 * An item of a batch ended because the batch was cancelled after another item stayed
 * unsuccessful ({@link BatchOptions#withCancelOnFailure(boolean)}): its execution was
 * cancelled, or it was never started.
 */
public class BatchCancelledException extends HubClientException {

	private static final long serialVersionUID = 1L;

	private final int failedIndex;

	/**
	 * Creates an exception.
	 * @param message what became of the item
	 * @param failedIndex the index of the item whose failure cancelled the batch
	 */
	public BatchCancelledException(String message, int failedIndex) {
		super(message, null, FailureKind.PERMANENT);
		this.failedIndex = failedIndex;
	}

	/**
	 * The index of the item whose failure cancelled the batch.
	 * @return the index
	 */
	public int failedIndex() {
		return this.failedIndex;
	}

}
