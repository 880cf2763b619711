package io.qhub.tracking;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link HubExecutionTrackerBuilder}: each bad setting is refused by name; a tracker
 * needs a client and a tick shorter than the lease; instance ids default to distinct
 * UUIDs; with the in-memory store no thread starts before the first {@code track}.
 */
class HubExecutionTrackerBuilderTests {

	private final LocalHubGateway gateway = LocalHubGateway.builder().start();

	private final HubServiceClient client = HubServiceClient.builder()
		.serviceEndpoint(this.gateway.serviceEndpoint())
		.build();

	@AfterEach
	void close() {
		this.client.close();
		this.gateway.close();
	}

	@Test
	void aTrackerNeedsAClient() {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> HubExecutionTracker.builder().build())
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("clients"))
			.withMessageContaining("must name at least one service");
	}

	@Test
	void theTickMustBeAtMostAThirdOfTheLease() {
		HubExecutionTrackerBuilder builder = HubExecutionTracker.builder()
			.client("default", this.client.reactive())
			.lease(Duration.ofSeconds(6))
			.tick(Duration.ofMillis(2001));
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(builder::build)
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("tick"))
			.withMessageContaining("must be at most a third of the lease (PT6S)");
		builder.tick(Duration.ofSeconds(2)).build().close();
	}

	@Test
	void badSettingsAreRefusedByName() {
		HubExecutionTrackerBuilder builder = HubExecutionTracker.builder();
		assertThat(refused(() -> builder.client(" ", this.client.reactive()))).isEqualTo("service");
		assertThat(refused(() -> builder.instanceId(""))).isEqualTo("instanceId");
		assertThat(refused(() -> builder.lease(Duration.ZERO))).isEqualTo("lease");
		assertThat(refused(() -> builder.tick(Duration.ofMillis(-1)))).isEqualTo("tick");
		assertThat(refused(() -> builder.maxConcurrency(0))).isEqualTo("maxConcurrency");
		assertThatNullPointerException().isThrownBy(() -> builder.store(null)).withMessage("store must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.listener(null))
			.withMessage("listener must not be null");
	}

	@Test
	void instanceIdsDefaultToDistinctUuids() {
		try (HubExecutionTracker one = HubExecutionTracker.builder().client("default", this.client.reactive()).build();
				HubExecutionTracker two = HubExecutionTracker.builder()
					.client("default", this.client.reactive())
					.build()) {
			assertThat(UUID.fromString(one.instanceId())).isNotEqualTo(UUID.fromString(two.instanceId()));
		}
	}

	@Test
	void withTheInMemoryStoreNoThreadStartsBeforeTheFirstTrack() {
		Set<Thread> before = trackerThreads();
		try (HubExecutionTracker tracker = HubExecutionTracker.builder()
			.client("default", this.client.reactive())
			.build()) {
			assertThat(trackerThreads()).isEqualTo(before);
			tracker.track("default", "e-1");
			assertThat(trackerThreads()).hasSize(before.size() + 1);
		}
	}

	private static String refused(Runnable setting) {
		return assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(setting::run).actual().setting();
	}

	private static Set<Thread> trackerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("qhub-tracker") && thread.isAlive())
			.collect(Collectors.toSet());
	}

}
