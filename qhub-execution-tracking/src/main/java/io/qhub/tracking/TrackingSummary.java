package io.qhub.tracking;

import java.util.Map;

/**
 * How many executions a {@link TrackedExecutionStore} tracks, by service, and how many of
 * them are due for a poll now (released and due, or claimed by an instance whose claim
 * ran out): a backlog that stays high means the trackers do not keep up.
 *
 * @param tracked the tracked executions by service name
 * @param due the executions due now by service name
 */
public record TrackingSummary(Map<String, Long> tracked, Map<String, Long> due) {

	/** Copies the maps. */
	public TrackingSummary {
		tracked = Map.copyOf(tracked);
		due = Map.copyOf(due);
	}

	/**
	 * Every tracked execution.
	 * @return the count
	 */
	public long totalTracked() {
		return this.tracked.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Every execution due now.
	 * @return the count
	 */
	public long totalDue() {
		return this.due.values().stream().mapToLong(Long::longValue).sum();
	}

}
