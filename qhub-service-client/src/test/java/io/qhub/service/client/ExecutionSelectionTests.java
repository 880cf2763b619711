package io.qhub.service.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ExecutionSelection}: newest first with a limit keeps exactly the executions a
 * full sort would put first (creation time, then position; no creation time last), and
 * as listed with a limit stops reading the list.
 */
class ExecutionSelectionTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static List<ServiceExecution> listed(int n, long seed) {
		Random random = new Random(seed);
		List<ServiceExecution> executions = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			// few distinct times, so many share one; some have none
			Instant created = (random.nextInt(20) == 0) ? null : T0.plusSeconds(random.nextInt(50));
			executions.add(new ServiceExecution("e" + i, ServiceExecutionStatus.SUCCEEDED, null, created, null, null,
					null, null, null, List.of()));
		}
		return executions;
	}

	@Test
	void newestFirstWithALimitIsTheHeadOfAFullSort() {
		List<ServiceExecution> listed = listed(5_000, 42);
		List<ServiceExecution> sorted = new ArrayList<>(listed);
		Comparator<ServiceExecution> byCreation = Comparator.comparing(ServiceExecution::createdAt,
				Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
		// a stable sort keeps the list's order among equal times: reverse it for "later
		// listed first"
		java.util.Collections.reverse(sorted);
		sorted.sort(byCreation.reversed());

		for (int limit : new int[] { 1, 7, 100, 5_000, 6_000 }) {
			List<ServiceExecution> selected = ExecutionSelection
				.select(Flux.fromIterable(listed), ExecutionFilter.all().newestFirst(limit))
				.collectList()
				.block();
			assertThat(selected).as("limit %d", limit).isEqualTo(sorted.subList(0, Math.min(limit, sorted.size())));
		}
	}

	@Test
	void asListedWithALimitCancelsTheRestOfTheList() {
		AtomicInteger requested = new AtomicInteger();
		Flux<ServiceExecution> listed = Flux.fromIterable(listed(1_000, 7))
			.doOnNext((execution) -> requested.incrementAndGet());

		List<ServiceExecution> selected = ExecutionSelection.select(listed, ExecutionFilter.all().withLimit(3))
			.collectList()
			.block();

		assertThat(selected).extracting(ServiceExecution::id).containsExactly("e0", "e1", "e2");
		assertThat(requested).hasValue(3);
	}

}
