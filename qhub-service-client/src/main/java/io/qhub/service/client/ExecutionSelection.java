package io.qhub.service.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import io.qhub.service.client.model.ServiceExecution;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Applies an {@link ExecutionFilter} to executions as they stream from {@code GET /}: the
 * criteria one by one, the limit by cancelling the rest of the answer (as listed) or by
 * keeping only the {@code limit} newest seen so far (newest first), so the heap holds one
 * execution, or {@code limit} of them, whatever the length of the list.
 */
final class ExecutionSelection {

	/** Newer first: by creation time (none is oldest), then by position in the list. */
	private static final Comparator<Listed> NEWEST_FIRST = Comparator
		.comparing(Listed::createdAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
		.thenComparingLong(Listed::position)
		.reversed();

	private ExecutionSelection() {
	}

	/**
	 * The executions the filter selects, in its order.
	 * @param listed the executions as listed, without those lacking an id
	 * @param filter the filter
	 * @return the selected executions
	 */
	static Flux<ServiceExecution> select(Flux<ServiceExecution> listed, ExecutionFilter filter) {
		Flux<ServiceExecution> matching = listed.filter(filter::matches);
		Integer limit = filter.limit();
		if (filter.order() == ExecutionFilter.Order.AS_LISTED) {
			return (limit != null) ? matching.take(limit, true) : matching;
		}
		return matching.index()
			.map((indexed) -> new Listed(indexed.getT2(), indexed.getT1()))
			.collect(() -> new Newest(limit), Newest::add)
			.flatMapIterable(Newest::inOrder);
	}

	/**
	 * An execution with its position in the list.
	 *
	 * @param execution the execution
	 * @param position its position, from 0
	 */
	private record Listed(ServiceExecution execution, long position) {

		@Nullable Instant createdAt() {
			return this.execution.createdAt();
		}

	}

	/**
	 * The newest executions seen so far, at most {@code limit}: a heap whose head is the
	 * oldest kept, dropped when a newer one comes.
	 */
	private static final class Newest {

		private final @Nullable Integer limit;

		private final PriorityQueue<Listed> kept = new PriorityQueue<>(NEWEST_FIRST.reversed());

		Newest(@Nullable Integer limit) {
			this.limit = limit;
		}

		void add(Listed listed) {
			this.kept.add(listed);
			if (this.limit != null && this.kept.size() > this.limit) {
				this.kept.poll();
			}
		}

		List<ServiceExecution> inOrder() {
			List<Listed> sorted = new ArrayList<>(this.kept);
			sorted.sort(NEWEST_FIRST);
			return sorted.stream().map(Listed::execution).toList();
		}

	}

}
