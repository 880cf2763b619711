package io.qhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.PollingPolicy;
import io.qhub.test.gateway.LocalHubGateway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link HubExecutionTracker} assembled by its builder, with a real client against a
 * {@link LocalHubGateway}, both on virtual time: a tracked execution is due after its
 * client's first poll delay and delivered once the clock passes its end; one already
 * final is claimed at once, not at the next tick; what cannot be tracked is refused;
 * untracking removes it.
 */
class HubExecutionTrackerTests {

	private static final PollingPolicy POLICY = new PollingPolicy(Duration.ofMillis(100), Duration.ofSeconds(10),
			Duration.ofMinutes(1))
		.withLearning(false);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final Duration RUN = Duration.ofSeconds(10);

	private final VirtualTime clock = new VirtualTime(T0);

	private final LocalHubGateway gateway = LocalHubGateway.builder()
		.clock(this.clock)
		.timing(Duration.ZERO, RUN)
		.start();

	private final HubServiceClient client = HubServiceClient.builder()
		.serviceEndpoint(this.gateway.serviceEndpoint())
		.polling(POLICY)
		.build();

	private final BlockingQueue<HubExecutionFinished> delivered = new LinkedBlockingQueue<>();

	@AfterEach
	void close() {
		this.client.close();
		this.gateway.close();
	}

	@Test
	void aTrackedExecutionIsDueAfterTheFirstPollDelayAndDeliveredOnceFinal() throws Exception {
		try (HubExecutionTracker tracker = tracker(Duration.ofMillis(20))) {
			HubServiceExecution execution = this.client.run(Map.of("shots", 1));
			String key = tracker.track(execution);
			assertThat(key).isEqualTo("default/" + execution.id());
			assertThat(tracker.tracked(10)).containsExactly(new TrackedExecution("default", execution.id(), T0,
					T0.plus(POLICY.initialInterval()), 0, 0, null, 0));
			this.clock.advance(RUN);
			HubExecutionFinished finished = this.delivered.poll(10, TimeUnit.SECONDS);
			assertThat(finished).isNotNull();
			assertThat(finished.idempotencyKey()).isEqualTo(key);
			assertThat(finished.execution().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		}
	}

	@Test
	void anExecutionAlreadyFinalIsClaimedAtOnceNotAtTheNextTick() throws Exception {
		try (HubExecutionTracker tracker = tracker(Duration.ofHours(1))) {
			HubServiceExecution first = this.client.run(Map.of("i", 1));
			HubServiceExecution second = this.client.run(Map.of("i", 2));
			this.clock.advance(RUN);
			assertThat(first.refresh().status().isFinal()).isTrue();
			assertThat(second.refresh().status().isFinal()).isTrue();
			// the first starts the loop; once it is delivered the loop's first tick has
			// run, the next is an hour away
			String firstKey = tracker.track(first);
			assertThat(key(this.delivered.poll(10, TimeUnit.SECONDS))).isEqualTo(firstKey);
			String key = tracker.track(second);
			assertThat(key(this.delivered.poll(10, TimeUnit.SECONDS))).isEqualTo(key);
		}
	}

	@Test
	void whatCannotBeTrackedIsRefused() {
		HubExecutionTracker tracker = tracker(Duration.ofHours(1));
		assertThatIllegalArgumentException().isThrownBy(() -> tracker.track("default", " "))
			.withMessage("id must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> tracker.track("optimizer", "e-1"))
			.withMessage("service 'optimizer' is not tracked here; tracked services: [default]");
		tracker.close();
		assertThatIllegalStateException().isThrownBy(() -> tracker.track("default", "e-1"))
			.withMessage("The tracker is closed; execution e-1 was not tracked");
		assertThat(tracker.tracked(10)).isEmpty();
	}

	@Test
	void untrackingRemovesTheExecution() {
		try (HubExecutionTracker tracker = tracker(Duration.ofHours(1))) {
			tracker.track("default", "e-1");
			assertThat(tracker.untrack("default", "e-1")).isTrue();
			assertThat(tracker.untrack("default", "e-1")).isFalse();
			assertThat(tracker.tracked(10)).isEmpty();
			assertThat(tracker).hasToString("HubExecutionTracker[instance=node-1, services=[default], "
					+ "store=InMemoryTrackedExecutionStore[0 tracked]]");
		}
	}

	@Test
	void theTrackerCountsWhatItDidAndSummarisesItsStore() throws Exception {
		try (HubExecutionTracker tracker = tracker(Duration.ofMillis(20))) {
			HubServiceExecution execution = this.client.run(Map.of("shots", 1));
			tracker.track(execution);
			tracker.track("default", "e-unknown-later");
			assertThat(tracker.summary().tracked()).containsEntry("default", 2L);
			this.clock.advance(RUN);
			assertThat(this.delivered.poll(10, TimeUnit.SECONDS)).isNotNull();
			TrackingStatistics statistics = tracker.statistics();
			assertThat(statistics.services()).containsExactly("default");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> statistics.count("default", TrackingStatistics.Event.DELIVERY) == 1
						&& statistics.count("default", TrackingStatistics.Event.FAILED_POLL) >= 1);
			assertThat(statistics.count("default", TrackingStatistics.Event.CLAIM)).isGreaterThanOrEqualTo(2);
			assertThat(statistics.count("default", TrackingStatistics.Event.REDELIVERY)).isZero();
			assertThat(statistics.count("elsewhere", TrackingStatistics.Event.CLAIM)).isZero();
		}
	}

	private static @Nullable String key(@Nullable HubExecutionFinished finished) {
		return (finished != null) ? finished.idempotencyKey() : null;
	}

	private HubExecutionTracker tracker(Duration tick) {
		return HubExecutionTracker.builder()
			.client("default", this.client.reactive())
			.listener(this.delivered::add)
			.instanceId("node-1")
			.lease(Duration.ofHours(3))
			.tick(tick)
			.clock(this.clock)
			.build();
	}

}
