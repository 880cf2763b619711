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
import io.qhub.tracking.TrackingStatistics.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CompletionDelivery} on virtual time, called as the claim loop calls it: a
 * completion is delivered while at least half of the claim is left and the execution then
 * leaves the store; with less left it is released, due at once; a listener that throws
 * has it released, due again after the retry delay, and delivered again then (a
 * redelivery); an execution whose lease another instance took over is delivered and
 * removed all the same (the other instance may deliver it once more; no later claim
 * will).
 */
class CompletionDeliveryTests {

	private static final PollingPolicy POLICY = new PollingPolicy(Duration.ofMillis(100), Duration.ofSeconds(10),
			Duration.ofMinutes(1))
		.withLearning(false);

	private static final Duration LEASE = Duration.ofSeconds(30);

	private static final Duration TICK = Duration.ofSeconds(2);

	private static final Duration CLAIM = LEASE.minus(TICK);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final ServiceExecution SUCCEEDED = ServiceExecution.of("e-1", ServiceExecutionStatus.SUCCEEDED);

	private final VirtualTime clock = new VirtualTime(T0);

	private final LocalHubGateway gateway = LocalHubGateway.builder().clock(this.clock).start();

	private final HubServiceClient client = HubServiceClient.builder()
		.serviceEndpoint(this.gateway.serviceEndpoint())
		.polling(POLICY)
		.build();

	private final InMemoryTrackedExecutionStore store = new InMemoryTrackedExecutionStore(this.clock);

	private final Leases leases = new Leases(this.store, "me", LEASE, TICK);

	private final TrackingStatistics statistics = new TrackingStatistics(java.util.Set.of("default"));

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
			}, this.statistics, this.clock);

	@AfterEach
	void close() {
		this.client.close();
		this.gateway.close();
	}

	@Test
	void aCompletionIsDeliveredWhileHalfTheClaimIsLeftAndTheExecutionLeavesTheStore() {
		TrackedExecution execution = claimed();
		this.clock.advance(CLAIM.dividedBy(2));
		this.delivery.deliver(execution.polled(1), SUCCEEDED, T0);
		this.leases.flush();
		assertThat(this.delivered).containsExactly(new HubExecutionFinished("default", SUCCEEDED));
		assertThat(this.store.list(10)).isEmpty();
		assertThat(this.statistics.count("default", Event.DELIVERY)).isOne();
	}

	@Test
	void withLessThanHalfTheClaimLeftItIsNotDeliveredButDueAgainAtOnce() {
		TrackedExecution execution = claimed();
		this.clock.advance(CLAIM.dividedBy(2).plusMillis(1));
		this.delivery.deliver(execution.polled(1), SUCCEEDED, T0);
		this.leases.flush();
		assertThat(this.delivered).isEmpty();
		assertThat(this.store.claimDue("other", LEASE, 1)).as("released, due now")
			.singleElement()
			.satisfies((claim) -> assertThat(claim.execution().polls()).isOne());
	}

	@Test
	void aListenerThatThrowsHasTheCompletionDeliveredAgainAfterTheRetryDelay() {
		this.failures = 1;
		TrackedExecution execution = claimed();
		this.delivery.deliver(execution.polled(1), SUCCEEDED, T0);
		this.leases.flush();
		Duration retry = POLICY.delayBefore(2);
		assertThat(this.store.list(10)).singleElement().satisfies((released) -> {
			assertThat(released.nextPollAt()).isEqualTo(T0.plus(retry));
			assertThat(released.failedDeliveries()).isOne();
		});
		this.clock.advance(retry.minusMillis(1));
		assertThat(this.store.claimDue("me", LEASE, 1)).as("not due yet").isEmpty();
		this.clock.advance(Duration.ofMillis(1));
		Instant claimedAt = this.clock.instant();
		TrackedExecution retried = this.leases.claimDue(1).get(0).execution();
		this.delivery.deliver(retried.polled(2), SUCCEEDED, claimedAt);
		this.leases.flush();
		assertThat(this.delivered).hasSize(2)
			.allSatisfy((finished) -> assertThat(finished.idempotencyKey()).isEqualTo("default/e-1"));
		assertThat(this.store.list(10)).isEmpty();
		assertThat(this.statistics.count("default", Event.DELIVERY)).isOne();
		assertThat(this.statistics.count("default", Event.REDELIVERY)).isOne();
	}

	@Test
	void anExecutionWhoseLeaseAnotherInstanceTookOverIsDeliveredAndNoLaterClaimDeliversItAgain() {
		TrackedExecution execution = claimed();
		this.clock.advance(CLAIM);
		assertThat(this.store.claimDue("other", LEASE, 1)).singleElement()
			.satisfies((claim) -> assertThat(claim.takeover()).isTrue());
		this.delivery.deliver(execution.polled(1), SUCCEEDED, this.clock.instant());
		this.leases.flush();
		assertThat(this.delivered).hasSize(1);
		assertThat(this.store.list(10))
			.as("removed although the other instance holds a claim: it may deliver once " + "more, no later claim will")
			.isEmpty();
	}

	private TrackedExecution claimed() {
		this.store.add("default", "e-1", Duration.ZERO);
		List<TrackedClaim> claimed = this.leases.claimDue(1);
		assertThat(claimed).hasSize(1);
		return claimed.get(0).execution();
	}

}
