package io.qhub.autoconfigure.tracking;

import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.TrackedExecutionStore;
import io.qhub.tracking.TrackingSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.NestedExceptionUtils;

/**
 * Health of execution tracking: UP when the tracker's store answers its summary (one
 * query on a database store), with the store and the executions tracked and due (the
 * backlog, which a growing number shows the trackers do not keep up with); DOWN with the
 * store's exception ({@code error}, its class and message) and its root cause
 * ({@code cause}, such as the driver's refused connection) when the store cannot be
 * reached. A backlog alone never makes it DOWN.
 */
public final class HubTrackingHealthIndicator implements HealthIndicator {

	private final HubExecutionTracker tracker;

	private final @Nullable TrackedExecutionStore store;

	/**
	 * The indicator of a tracker.
	 * @param tracker the tracker
	 * @param store its store, shown in the details, or {@code null} when it is not known
	 */
	public HubTrackingHealthIndicator(HubExecutionTracker tracker, @Nullable TrackedExecutionStore store) {
		this.tracker = tracker;
		this.store = store;
	}

	@Override
	public Health health() {
		Health.Builder builder;
		try {
			TrackingSummary summary = this.tracker.summary();
			builder = Health.up().withDetail("tracked", summary.totalTracked()).withDetail("due", summary.totalDue());
		}
		catch (RuntimeException ex) {
			builder = Health.down(ex);
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
			if (cause != ex) {
				builder.withDetail("cause", cause.getClass().getName() + ": " + cause.getMessage());
			}
		}
		if (this.store != null) {
			builder.withDetail("store", this.store.toString());
		}
		return builder.build();
	}

}
