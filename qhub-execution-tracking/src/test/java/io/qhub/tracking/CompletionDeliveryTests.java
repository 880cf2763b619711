package io.qhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.PollingPolicy;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CompletionDelivery} on virtual time, called as the claim loop calls it: a
 * completion is delivered while at least half of the claim is left and the execution then
 * leaves the store; with less left it is released, due at once; a listener that throws
 * has it released, due again after the retry delay, and delivered again then; an
 * execution whose lease another instance took over is delivered but stays tracked (at
 * least once).
 */
class CompletionDeliveryTests {

	private static final PollingPolicy POLICY = new PollingPolicy(Duration.ofMillis(100), Duration.ofSeconds(10),
			Duration.ofMinutes(1))
		.withLearning(false);

	private static final Duration LEASE = Duration.ofSeconds(30);

	private static final Duration TICK = Duration.ofSeconds(2);

	private static final Duration HALF_A_CLAIM = LEASE.minus(TICK).dividedBy(2);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final ServiceExecution SUCCEEDED = ServiceExecution.of("e-1", ServiceExecutionStatus.SUCCEEDED);

	private final VirtualTime clock = new VirtualTime(T0);

	private final LocalHubGateway gateway = LocalHubGateway.builder().clock(this.clock).start();

	private final HubServiceClient client = HubServiceClient.builder()
		.serviceEndpoint(this.gateway.serviceEndpoint())
		.polling(POLICY)
		.build();

	private final InMemoryTrackedExecutionStore store = new InMemoryTrackedExecutionStore();

	private final Leases leases = new Leases(this.store, "me", LEASE, TICK);

	private final List<HubExecutionFinished> delivered = new ArrayList<>();

	private int failures;

	private final CompletionDelivery delivery = new CompletionDelivery(this.leases,
			new ClientPolls(Map.of("default", this.client.reactive()),
					this.client.reactive().pollingPolicy().backoff()),
			(finished) -> {
				this.delivered.add(finished);
				if (this.failures > 0) {
					this.failures--;
					throw new IllegalStateException("listener failed");
				}
			}, this.clock);

	@AfterEach
	void close() {
		this.client.close();
		this.gateway.close();
	}

	@Test
	void aCompletionIsDeliveredWhileHalfTheClaimIsLeftAndTheExecutionLeavesTheStore() {
		TrackedExecution execution = claimed(2);
		Instant leaseUntil = this.leases.claimUntil(this.clock.instant());
		this.clock.advance(HALF_A_CLAIM);
		this.delivery.deliver(execution, 3, SUCCEEDED, leaseUntil);
		assertThat(this.delivered).containsExactly(new HubExecutionFinished("default", SUCCEEDED));
		assertThat(this.store.list()).isEmpty();
	}

	@Test
	void withLessThanHalfTheClaimLeftItIsNotDeliveredButDueAgainAtOnce() {
		TrackedExecution execution = claimed(2);
		Instant leaseUntil = this.leases.claimUntil(this.clock.instant());
		this.clock.advance(HALF_A_CLAIM.plusMillis(1));
		this.delivery.deliver(execution, 3, SUCCEEDED, leaseUntil);
		assertThat(this.delivered).isEmpty();
		assertThat(this.store.claimDue("other", this.clock.instant(), leaseUntil.plus(LEASE), 1)).as("released")
			.containsExactly(execution.dueAt(this.clock.instant(), 3));
	}

	@Test
	void aListenerThatThrowsHasTheCompletionDeliveredAgainAfterTheRetryDelay() {
		this.failures = 1;
		TrackedExecution execution = claimed(2);
		this.delivery.deliver(execution, 3, SUCCEEDED, this.leases.claimUntil(this.clock.instant()));
		Instant again = T0.plus(POLICY.delayBefore(4));
		assertThat(this.store.list()).containsExactly(execution.dueAt(again, 3));
		assertThat(this.store.claimDue("me", again.minusMillis(1), again.plus(LEASE), 1)).as("not due yet").isEmpty();

		this.clock.advance(Duration.between(T0, again));
		TrackedExecution retried = this.store.claimDue("me", again, this.leases.claimUntil(again), 1).get(0);
		this.delivery.deliver(retried, 4, SUCCEEDED, this.leases.claimUntil(again));
		assertThat(this.delivered).hasSize(2)
			.allSatisfy((finished) -> assertThat(finished.idempotencyKey()).isEqualTo("default/e-1"));
		assertThat(this.store.list()).isEmpty();
	}

	@Test
	void anExecutionWhoseLeaseAnotherInstanceTookOverIsDeliveredButStaysTracked() {
		TrackedExecution execution = claimed(0);
		Instant leaseUntil = this.leases.claimUntil(this.clock.instant());
		assertThat(this.store.claimDue("other", leaseUntil, leaseUntil.plus(LEASE), 1)).hasSize(1);
		this.delivery.deliver(execution, 1, SUCCEEDED, leaseUntil);
		assertThat(this.delivered).hasSize(1);
		assertThat(this.store.list()).as("the other instance delivers it again").containsExactly(execution);
	}

	private TrackedExecution claimed(int polls) {
		this.store.add(new TrackedExecution("default", "e-1", T0, T0, polls));
		List<TrackedExecution> claimed = this.leases.claimDue(T0, this.leases.claimUntil(T0), 1);
		assertThat(claimed).hasSize(1);
		return claimed.get(0);
	}

}
