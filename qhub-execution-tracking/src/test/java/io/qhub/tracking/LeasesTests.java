package io.qhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.qhub.service.client.testing.VirtualTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Leases}: a claim holds one tick less than the lease; a poll may take what is
 * left of half a claim, counted from the claim; a completion is delivered only while at
 * least half a claim is left; releases and completions wait for a flush, are written
 * fenced by their claims, and stay queued while the store cannot be written.
 */
class LeasesTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final VirtualTime clock = new VirtualTime(T0);

	private final InMemoryTrackedExecutionStore store = new InMemoryTrackedExecutionStore(this.clock);

	private final Leases leases = new Leases(this.store, "me", Duration.ofSeconds(30), Duration.ofSeconds(2));

	@Test
	void aClaimHoldsOneTickLessThanTheLease() {
		this.store.add("default", "a", Duration.ZERO);
		assertThat(this.leases.claimDue(5)).singleElement()
			.satisfies((claim) -> assertThat(claim.execution().nextPollAt()).isEqualTo(T0.plusSeconds(28)));
	}

	@Test
	void aPollMayTakeWhatIsLeftOfHalfAClaimCountedFromTheClaim() {
		assertThat(this.leases.pollTimeout(T0, T0)).isEqualTo(Duration.ofSeconds(14));
		assertThat(this.leases.pollTimeout(T0, T0.plusSeconds(4))).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.leases.pollTimeout(T0, T0.plusSeconds(20))).isZero();
	}

	@Test
	void aCompletionIsDeliveredOnlyWhileHalfTheClaimIsLeft() {
		assertThat(this.leases.leftToDeliver(T0, T0.plusSeconds(14))).isTrue();
		assertThat(this.leases.leftToDeliver(T0, T0.plusSeconds(14).plusNanos(1))).isFalse();
		assertThat(this.leases.tooSlow(Duration.ofSeconds(14))).isFalse();
		assertThat(this.leases.tooSlow(Duration.ofSeconds(15))).isTrue();
	}

	@Test
	void releasesAndCompletionsWaitForAFlushAndReleasesAreFencedByTheirClaims() {
		this.store.add("default", "a", Duration.ZERO);
		this.store.add("default", "b", Duration.ZERO);
		List<TrackedClaim> claims = this.leases.claimDue(5);
		this.leases.release(claims.get(0).execution().polled(1), Duration.ofSeconds(3));
		this.leases.complete(claims.get(1).execution());
		assertThat(this.leases.queued()).isEqualTo(2);
		assertThat(this.store.list(10)).as("nothing written yet")
			.allSatisfy((execution) -> assertThat(execution.leaseOwner()).isEqualTo("me"));
		assertThat(this.leases.flush()).isTrue();
		assertThat(this.leases.queued()).isZero();
		assertThat(this.store.list(10)).singleElement().satisfies((released) -> {
			assertThat(released.nextPollAt()).isEqualTo(T0.plusSeconds(3));
			assertThat(released.polls()).isEqualTo(1);
			assertThat(released.leaseOwner()).isNull();
		});
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(this.store.claimDue("other", Duration.ofSeconds(28), 1)).hasSize(1);
		this.leases.release(claims.get(0).execution().polled(2), Duration.ZERO);
		assertThat(this.leases.flush()).isTrue();
		assertThat(this.store.list(10)).as("claimed again by another instance: the old claim's release changes nothing")
			.singleElement()
			.satisfies((execution) -> assertThat(execution.leaseOwner()).isEqualTo("other"));
	}

	@Test
	void writesStayQueuedWhileTheStoreCannotBeWrittenAndAreWrittenOnceItCan() {
		FailingStore failing = new FailingStore(this.store);
		Leases leases = new Leases(failing, "me", Duration.ofSeconds(30), Duration.ofSeconds(2));
		this.store.add("default", "a", Duration.ZERO);
		TrackedClaim claim = leases.claimDue(1).get(0);
		leases.complete(claim.execution());
		failing.down = true;
		assertThat(leases.flush()).isFalse();
		assertThat(leases.flush()).isFalse();
		assertThat(leases.queued()).isOne();
		failing.down = false;
		assertThat(leases.flush()).isTrue();
		assertThat(this.store.list(10)).isEmpty();
	}

	/** A store that throws on writes while down. */
	private static final class FailingStore implements TrackedExecutionStore {

		private final TrackedExecutionStore store;

		private volatile boolean down;

		FailingStore(TrackedExecutionStore store) {
			this.store = store;
		}

		@Override
		public boolean add(String service, String id, Duration firstPollIn) {
			return this.store.add(service, id, firstPollIn);
		}

		@Override
		public List<TrackedClaim> claimDue(String owner, Duration lease, int limit) {
			return this.store.claimDue(owner, lease, limit);
		}

		@Override
		public int reschedule(List<NextPoll> nextPolls) {
			check();
			return this.store.reschedule(nextPolls);
		}

		@Override
		public int complete(List<TrackedExecution> delivered) {
			check();
			return this.store.complete(delivered);
		}

		@Override
		public boolean remove(String service, String id) {
			return this.store.remove(service, id);
		}

		@Override
		public List<TrackedExecution> list(int limit) {
			return this.store.list(limit);
		}

		@Override
		public TrackingSummary summary() {
			return this.store.summary();
		}

		private void check() {
			if (this.down) {
				throw new IllegalStateException("the store is down");
			}
		}

	}

}
