package io.qhub.tracking;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Leases}: a claim holds one tick less than the lease, a poll may take half a
 * claim, a completion is delivered only while at least half a claim is left; releasing
 * and completing act only under this instance's id.
 */
class LeasesTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final InMemoryTrackedExecutionStore store = new InMemoryTrackedExecutionStore();

	private final Leases leases = new Leases(this.store, "me", Duration.ofSeconds(30), Duration.ofSeconds(2));

	@Test
	void aClaimHoldsOneTickLessThanTheLease() {
		assertThat(this.leases.claimUntil(T0)).isEqualTo(T0.plusSeconds(28));
	}

	@Test
	void aPollMayTakeHalfAClaim() {
		assertThat(this.leases.pollTimeout()).isEqualTo(Duration.ofSeconds(14));
	}

	@Test
	void aCompletionIsDeliveredOnlyWhileHalfTheClaimIsLeft() {
		Instant leaseUntil = this.leases.claimUntil(T0);
		assertThat(this.leases.leftToDeliver(T0.plusSeconds(14), leaseUntil)).isTrue();
		assertThat(this.leases.leftToDeliver(T0.plusSeconds(14).plusNanos(1), leaseUntil)).isFalse();
	}

	@Test
	void releasingAndCompletingActUnderThisInstancesId() {
		TrackedExecution execution = new TrackedExecution("default", "a", T0, T0, 0);
		this.store.add(execution);
		assertThat(this.leases.claimDue(T0, this.leases.claimUntil(T0), 5)).containsExactly(execution);
		this.leases.release(execution.dueAt(T0.plusSeconds(3), 1));
		assertThat(this.store.list()).singleElement().satisfies((released) -> {
			assertThat(released.nextPollAt()).isEqualTo(T0.plusSeconds(3));
			assertThat(released.polls()).isEqualTo(1);
		});
		this.store.claimDue("other", T0.plusSeconds(3), T0.plusSeconds(31), 1);
		this.leases.complete(execution);
		assertThat(this.store.list()).as("held by another instance").hasSize(1);
	}

}
