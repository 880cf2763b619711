package io.qhub.service.client;

/**
 * Where a batch stands, counted over its items (not attempts).
 *
 * @param total how many items the batch has
 * @param submitted how many items have had an execution started (the start answered or
 * found by its submission key)
 * @param running how many items have an execution started and not yet seen final, now
 * @param finished how many items have their outcome
 * @param succeeded how many of those succeeded
 */
public record BatchProgress(int total, int submitted, int running, int finished, int succeeded) {

	/**
	 * How many finished items did not succeed.
	 * @return the count
	 */
	public int unsuccessful() {
		return this.finished - this.succeeded;
	}

}
