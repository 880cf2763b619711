package io.qhub.autoconfigure.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.TrackedExecution;
import io.qhub.tracking.TrackingSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code qhubtracking} actuator endpoint: what a {@link HubExecutionTracker} tracks,
 * by every instance sharing its store. Reading lists the executions earliest due first
 * with their lease owner and the counts tracked and due by service; deleting
 * {@code /{service}/{id}} untracks one (no completion is delivered for it). Its access is
 * read-only by default, like Spring Boot's endpoints that change state:
 * {@code management.endpoint.qhubtracking.access=unrestricted} allows the delete.
 */
@Endpoint(id = "qhubtracking", defaultAccess = Access.READ_ONLY)
public class HubTrackingEndpoint {

	/** How many executions a read lists when it names no limit. */
	static final int DEFAULT_LIMIT = 100;

	private final HubExecutionTracker tracker;

	/**
	 * The endpoint of a tracker.
	 * @param tracker the tracker
	 */
	public HubTrackingEndpoint(HubExecutionTracker tracker) {
		this.tracker = tracker;
	}

	/**
	 * The tracked executions, earliest due first, and the counts by service.
	 * @param limit the most executions to list; {@value #DEFAULT_LIMIT} when not given
	 * @return the descriptor
	 */
	@ReadOperation
	public TrackingDescriptor tracking(@Nullable Integer limit) {
		int most = (limit != null) ? limit : DEFAULT_LIMIT;
		if (most < 0) {
			throw new InvalidEndpointRequestException("limit must not be negative: " + most, "Invalid limit");
		}
		TrackingSummary summary = this.tracker.summary();
		List<TrackedExecutionDescriptor> executions = this.tracker.tracked(most)
			.stream()
			.map(TrackedExecutionDescriptor::of)
			.toList();
		return new TrackingDescriptor(this.tracker.instanceId(), summary.tracked(), summary.due(), executions);
	}

	/**
	 * Stops tracking an execution, whichever instance holds it; no completion is
	 * delivered for it.
	 * @param service the service name
	 * @param id the execution id
	 * @return whether it was tracked
	 */
	@DeleteOperation
	public UntrackDescriptor untrack(@Selector String service, @Selector String id) {
		return new UntrackDescriptor(service, id, this.tracker.untrack(service, id));
	}

	/**
	 * What a read of the endpoint shows.
	 *
	 * @param instanceId this instance's id in leases (the {@code owner} of its claims)
	 * @param tracked the executions tracked, by service name
	 * @param due the executions due for a status poll now (the backlog), by service name
	 * @param executions the first executions, earliest due first
	 */
	public record TrackingDescriptor(String instanceId, Map<String, Long> tracked, Map<String, Long> due,
			List<TrackedExecutionDescriptor> executions) implements OperationResponseBody {

	}

	/**
	 * One tracked execution.
	 *
	 * @param service the service name
	 * @param id the execution id
	 * @param trackedAt when it was handed to a tracker (the store's clock)
	 * @param nextPollAt when it is due for its next status poll; while claimed, when the
	 * claim runs out
	 * @param polls how many status polls were made for it
	 * @param failedDeliveries how many times a listener threw on its completion
	 * @param owner the instance that holds (or last held, if {@code nextPollAt} has
	 * passed) a claim on it, {@code null} when it is free
	 * @param claimed whether an instance has claimed it and not released it
	 * @param claim its fencing token: how many times it was claimed
	 */
	public record TrackedExecutionDescriptor(String service, String id, Instant trackedAt, Instant nextPollAt,
			int polls, int failedDeliveries, @Nullable String owner, boolean claimed, long claim) {

		static TrackedExecutionDescriptor of(TrackedExecution execution) {
			return new TrackedExecutionDescriptor(execution.service(), execution.id(), execution.trackedAt(),
					execution.nextPollAt(), execution.polls(), execution.failedDeliveries(), execution.leaseOwner(),
					execution.leaseOwner() != null, execution.claim());
		}

	}

	/**
	 * The answer of a delete.
	 *
	 * @param service the service name
	 * @param id the execution id
	 * @param untracked whether it was tracked (and is no longer)
	 */
	public record UntrackDescriptor(String service, String id, boolean untracked) implements OperationResponseBody {

	}

}
