package io.qhub.service.client;

import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outcomes of a batch, one per request, in the requests' order (the outcome of
 * request {@code i} at index {@code i}).
 *
 * @param <T> the work's value
 * @param outcomes the outcomes in the requests' order
 */
public record BatchResult<T>(List<BatchOutcome<T>> outcomes) {

	/** Copies the outcomes and checks that each sits at its index. */
	public BatchResult {
		outcomes = List.copyOf(outcomes);
		for (int i = 0; i < outcomes.size(); i++) {
			if (outcomes.get(i).index() != i) {
				throw new IllegalArgumentException("outcome " + i + " is that of item " + outcomes.get(i).index());
			}
		}
	}

	/**
	 * The result of a batch's events: the outcomes of its
	 * {@link BatchEvent.Kind#FINISHED} events in the requests' order.
	 * @param <T> the work's value
	 * @param events the events of {@code runAll}
	 * @return the result, once the batch has ended
	 */
	public static <T> Mono<BatchResult<T>> of(Flux<BatchEvent<T>> events) {
		return events.filter((event) -> event.kind() == BatchEvent.Kind.FINISHED)
			.map((event) -> Objects.requireNonNull(event.outcome()))
			.collectSortedList((a, b) -> Integer.compare(a.index(), b.index()))
			.map(BatchResult::new);
	}

	/**
	 * Whether every item succeeded.
	 * @return {@code true} when all did
	 */
	public boolean allSucceeded() {
		return this.outcomes.stream().allMatch(BatchOutcome::succeeded);
	}

	/**
	 * The outcomes of the items that succeeded, in the requests' order.
	 * @return the outcomes
	 */
	public List<BatchOutcome<T>> successes() {
		return this.outcomes.stream().filter(BatchOutcome::succeeded).toList();
	}

	/**
	 * The outcomes of the items that did not succeed, in the requests' order.
	 * @return the outcomes
	 */
	public List<BatchOutcome<T>> unsuccessful() {
		return this.outcomes.stream().filter((outcome) -> !outcome.succeeded()).toList();
	}

}
