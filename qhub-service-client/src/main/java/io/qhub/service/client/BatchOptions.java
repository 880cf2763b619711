package io.qhub.service.client;

import java.util.Objects;

/**
 * How {@code runAll} runs a batch: at most {@code parallelism} executions at once on the
 * service (started and not yet seen final; fetching results does not hold a place), how
 * often an unsuccessful item is tried again, whether the first item that stays
 * unsuccessful cancels the rest, and the options every start gets. Immutable.
 *
 * <pre>{@code
 * BatchOptions options = BatchOptions.parallelism(8).withRetries(1).withRunOptions(RunOptions.none().withTags("sweep"));
 * }</pre>
 *
 * @param parallelism the most executions of the batch at once, at least 1
 * @param retries how many more times an unsuccessful item is started (a new execution
 * each time), 0 or more
 * @param cancelOnFailure whether an item that stays unsuccessful cancels the executions
 * still running and leaves the items not yet started unstarted
 * @param runOptions secrets, tags and grants of every start (each start gets its own
 * submission key)
 */
public record BatchOptions(int parallelism, int retries, boolean cancelOnFailure, RunOptions runOptions) {

	/** Validates the values. */
	public BatchOptions {
		if (parallelism < 1) {
			throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
		}
		if (retries < 0) {
			throw new IllegalArgumentException("retries must not be negative, was " + retries);
		}
		Objects.requireNonNull(runOptions, "runOptions");
	}

	/**
	 * A batch of at most {@code parallelism} executions at once, without retries, running
	 * every item whatever the others do.
	 * @param parallelism the most executions at once, at least 1
	 * @return the options
	 */
	public static BatchOptions parallelism(int parallelism) {
		return new BatchOptions(parallelism, 0, false, RunOptions.none());
	}

	/**
	 * A copy that starts an unsuccessful item again, up to {@code retries} more times.
	 * @param retries how many more starts, 0 or more
	 * @return the new options
	 */
	public BatchOptions withRetries(int retries) {
		return new BatchOptions(this.parallelism, retries, this.cancelOnFailure, this.runOptions);
	}

	/**
	 * A copy that cancels the rest of the batch once an item stays unsuccessful (after
	 * its retries), or not.
	 * @param cancelOnFailure whether to cancel the rest
	 * @return the new options
	 */
	public BatchOptions withCancelOnFailure(boolean cancelOnFailure) {
		return new BatchOptions(this.parallelism, this.retries, cancelOnFailure, this.runOptions);
	}

	/**
	 * A copy whose starts get these options.
	 * @param runOptions secrets, tags and grants
	 * @return the new options
	 */
	public BatchOptions withRunOptions(RunOptions runOptions) {
		return new BatchOptions(this.parallelism, this.retries, this.cancelOnFailure, runOptions);
	}

}
