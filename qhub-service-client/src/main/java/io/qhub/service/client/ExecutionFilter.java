package io.qhub.service.client;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Which executions {@code getServiceExecutions(ExecutionFilter)} lists, and in which
 * order: by status (any of), by tags (all of), by creation time (strictly after, strictly
 * before), newest first or as the gateway lists them, at most {@code limit}. The
 * gateway's {@code GET /} takes no criteria, so the client reads its whole answer as it
 * streams and keeps only what matches: as listed, one execution at a time is held; newest
 * first, at most {@code limit} (every match without a limit). Immutable; build one from
 * {@link #all()} with the withers.
 *
 * <pre>{@code
 * ExecutionFilter failedLastDay = ExecutionFilter.all()
 *     .withStatuses(ServiceExecutionStatus.FAILED)
 *     .withTags("nightly")
 *     .withCreatedAfter(Instant.now().minus(Duration.ofDays(1)))
 *     .newestFirst(20);
 * }</pre>
 *
 * @param statuses the statuses an execution may have, any when empty
 * @param tags the tags an execution must all carry, none required when empty
 * @param createdAfter the time an execution must have been created after, or
 * {@code null}; an execution without a creation time does not match a time bound
 * @param createdBefore the time an execution must have been created before, or
 * {@code null}
 * @param order the order of the executions
 * @param limit the most executions listed, or {@code null} for all that match
 */
public record ExecutionFilter(Set<ServiceExecutionStatus> statuses, List<String> tags, @Nullable Instant createdAfter,
		@Nullable Instant createdBefore, Order order, @Nullable Integer limit) {

	private static final ExecutionFilter ALL = new ExecutionFilter(Set.of(), List.of(), null, null, Order.AS_LISTED,
			null);

	/**
	 * Copies the collections and rejects nulls, a limit below 1 and a time range that
	 * ends before it starts.
	 */
	public ExecutionFilter {
		statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
		tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
		Objects.requireNonNull(order, "order");
		if (limit != null && limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
			throw new IllegalArgumentException(
					"createdAfter (" + createdAfter + ") must be before createdBefore (" + createdBefore + ")");
		}
	}

	/**
	 * Every execution, as the gateway lists them: the plain listing, read as it streams.
	 * @return the filter without criteria
	 */
	public static ExecutionFilter all() {
		return ALL;
	}

	/**
	 * A copy that lists only executions with one of these statuses.
	 * @param statuses the statuses; none for any
	 * @return the new filter
	 */
	public ExecutionFilter withStatuses(ServiceExecutionStatus... statuses) {
		return withStatuses((statuses.length == 0) ? Set.of() : EnumSet.copyOf(Arrays.asList(statuses)));
	}

	/**
	 * A copy that lists only executions with one of these statuses.
	 * @param statuses the statuses; empty for any
	 * @return the new filter
	 */
	public ExecutionFilter withStatuses(Set<ServiceExecutionStatus> statuses) {
		return new ExecutionFilter(statuses, this.tags, this.createdAfter, this.createdBefore, this.order, this.limit);
	}

	/**
	 * A copy that lists only executions carrying every one of these tags (the
	 * {@code $tags} they were started with).
	 * @param tags the tags; none for no requirement
	 * @return the new filter
	 */
	public ExecutionFilter withTags(String... tags) {
		return withTags(Arrays.asList(tags));
	}

	/**
	 * A copy that lists only executions carrying every one of these tags.
	 * @param tags the tags; empty for no requirement
	 * @return the new filter
	 */
	public ExecutionFilter withTags(List<String> tags) {
		return new ExecutionFilter(this.statuses, tags, this.createdAfter, this.createdBefore, this.order, this.limit);
	}

	/**
	 * A copy that lists only executions created strictly after a time.
	 * @param createdAfter the time, or {@code null} for no bound
	 * @return the new filter
	 */
	public ExecutionFilter withCreatedAfter(@Nullable Instant createdAfter) {
		return new ExecutionFilter(this.statuses, this.tags, createdAfter, this.createdBefore, this.order, this.limit);
	}

	/**
	 * A copy that lists only executions created strictly before a time.
	 * @param createdBefore the time, or {@code null} for no bound
	 * @return the new filter
	 */
	public ExecutionFilter withCreatedBefore(@Nullable Instant createdBefore) {
		return new ExecutionFilter(this.statuses, this.tags, this.createdAfter, createdBefore, this.order, this.limit);
	}

	/**
	 * A copy that lists at most {@code limit} executions.
	 * @param limit the most executions, at least 1
	 * @return the new filter
	 */
	public ExecutionFilter withLimit(int limit) {
		return new ExecutionFilter(this.statuses, this.tags, this.createdAfter, this.createdBefore, this.order, limit);
	}

	/**
	 * A copy that lists executions in this order.
	 * @param order the order
	 * @return the new filter
	 */
	public ExecutionFilter withOrder(Order order) {
		return new ExecutionFilter(this.statuses, this.tags, this.createdAfter, this.createdBefore, order, this.limit);
	}

	/**
	 * A copy that lists the {@code limit} newest matching executions, newest first.
	 * @param limit the most executions, at least 1
	 * @return the new filter
	 */
	public ExecutionFilter newestFirst(int limit) {
		return withOrder(Order.NEWEST_FIRST).withLimit(limit);
	}

	/**
	 * Whether an execution passes the status, tag and time criteria (order and limit
	 * aside).
	 * @param execution the execution as listed
	 * @return {@code true} when it matches
	 */
	public boolean matches(ServiceExecution execution) {
		if (!this.statuses.isEmpty() && !this.statuses.contains(execution.status())) {
			return false;
		}
		if (!execution.tags().containsAll(this.tags)) {
			return false;
		}
		Instant created = execution.createdAt();
		if (this.createdAfter == null && this.createdBefore == null) {
			return true;
		}
		return created != null && (this.createdAfter == null || created.isAfter(this.createdAfter))
				&& (this.createdBefore == null || created.isBefore(this.createdBefore));
	}

	/** The order of a listing. */
	public enum Order {

		/**
		 * As the gateway lists them, read as they stream: one execution held at a time.
		 */
		AS_LISTED,

		/**
		 * Newest creation time first (executions without one last; of two created at the
		 * same time, the one listed later first), after the whole list has been read:
		 * holds at most {@code limit} executions, every match without a limit.
		 */
		NEWEST_FIRST

	}

}
