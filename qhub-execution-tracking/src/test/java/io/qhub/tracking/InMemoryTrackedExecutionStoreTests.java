package io.qhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InMemoryTrackedExecutionStore}: an execution is added once; claiming takes only
 * due executions whose lease is free or ran out, earliest due first, up to the limit;
 * only the lease holder reschedules (releasing the lease) or completes; removing works
 * whoever holds it; the list is earliest due first; the store is not shared.
 */
class InMemoryTrackedExecutionStoreTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final InMemoryTrackedExecutionStore store = new InMemoryTrackedExecutionStore();

	@Test
	void anExecutionAlreadyTrackedIsLeftAsItIs() {
		assertThat(this.store.add(execution("a", T0))).isTrue();
		assertThat(this.store.add(execution("a", T0.plusSeconds(60)))).isFalse();
		assertThat(this.store.list()).singleElement().extracting(TrackedExecution::nextPollAt).isEqualTo(T0);
	}

	@Test
	void claimingTakesOnlyDueExecutionsEarliestFirstUpToTheLimit() {
		this.store.add(execution("late", T0.plusSeconds(2)));
		this.store.add(execution("second", T0.minusSeconds(1)));
		this.store.add(execution("first", T0.minusSeconds(2)));
		this.store.add(execution("third", T0));
		List<TrackedExecution> claimed = this.store.claimDue("me", T0, T0.plusSeconds(30), 2);
		assertThat(claimed).extracting(TrackedExecution::id).containsExactly("first", "second");
		assertThat(this.store.claimDue("me", T0, T0.plusSeconds(30), 10)).extracting(TrackedExecution::id)
			.containsExactly("third");
	}

	@Test
	void aLeasedExecutionIsClaimedAgainOnlyOnceItsLeaseRanOut() {
		this.store.add(execution("a", T0));
		Instant leaseUntil = T0.plusSeconds(30);
		assertThat(this.store.claimDue("me", T0, leaseUntil, 1)).hasSize(1);
		assertThat(this.store.claimDue("other", leaseUntil.minusMillis(1), leaseUntil.plusSeconds(30), 1)).isEmpty();
		assertThat(this.store.claimDue("other", leaseUntil, leaseUntil.plusSeconds(30), 1)).hasSize(1);
	}

	@Test
	void onlyTheLeaseHolderReschedulesAndReschedulingReleasesTheLease() {
		TrackedExecution execution = execution("a", T0);
		this.store.add(execution);
		this.store.claimDue("me", T0, T0.plusSeconds(30), 1);
		TrackedExecution next = execution.dueAt(T0.plusSeconds(5), 1);
		assertThat(this.store.reschedule(next, "other")).isFalse();
		assertThat(this.store.list()).containsExactly(execution);
		assertThat(this.store.reschedule(next, "me")).isTrue();
		assertThat(this.store.list()).containsExactly(next);
		assertThat(this.store.claimDue("other", T0.plusSeconds(5), T0.plusSeconds(35), 1)).containsExactly(next);
	}

	@Test
	void onlyTheLeaseHolderCompletes() {
		TrackedExecution execution = execution("a", T0);
		this.store.add(execution);
		assertThat(this.store.complete(execution, "me")).as("not claimed").isFalse();
		this.store.claimDue("me", T0, T0.plusSeconds(30), 1);
		assertThat(this.store.complete(execution, "other")).isFalse();
		assertThat(this.store.list()).hasSize(1);
		assertThat(this.store.complete(execution, "me")).isTrue();
		assertThat(this.store.list()).isEmpty();
	}

	@Test
	void removingWorksWhoeverHoldsTheLease() {
		this.store.add(execution("a", T0));
		this.store.claimDue("me", T0, T0.plusSeconds(30), 1);
		assertThat(this.store.remove("default", "a")).isTrue();
		assertThat(this.store.remove("default", "a")).isFalse();
		assertThat(this.store.list()).isEmpty();
	}

	@Test
	void theListIsEarliestDueFirstAndTheStoreIsNotShared() {
		this.store.add(execution("b", T0.plus(Duration.ofMinutes(2))));
		this.store.add(execution("a", T0.plus(Duration.ofMinutes(1))));
		assertThat(this.store.list()).extracting(TrackedExecution::id).containsExactly("a", "b");
		assertThat(this.store.shared()).isFalse();
		assertThat(this.store).hasToString("InMemoryTrackedExecutionStore[2 tracked]");
	}

	private static TrackedExecution execution(String id, Instant nextPollAt) {
		return new TrackedExecution("default", id, T0, nextPollAt, 0);
	}

}
