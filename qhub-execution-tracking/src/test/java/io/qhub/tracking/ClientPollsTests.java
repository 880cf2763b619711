package io.qhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.PollingPolicy;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ClientPolls} over real clients and a {@link LocalHubGateway} on virtual time: an
 * execution's service is the one its client is registered under; a status poll reaches
 * the gateway; an execution the client did not submit follows the policy's doubling
 * schedule; the retry delay after a failure doubles with the polls made.
 */
class ClientPollsTests {

	private static final PollingPolicy POLICY = new PollingPolicy(Duration.ofMillis(100), Duration.ofSeconds(10),
			Duration.ofMinutes(1))
		.withLearning(false);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final VirtualTime clock = new VirtualTime(T0);

	private final LocalHubGateway gateway = LocalHubGateway.builder()
		.clock(this.clock)
		.timing(Duration.ZERO, Duration.ofSeconds(10))
		.start();

	private final HubServiceClient client = client();

	private final HubServiceClient other = HubServiceClient.builder()
		.serviceEndpoint(this.gateway.serviceEndpoint())
		.serviceName("other")
		.polling(POLICY)
		.build();

	private final ClientPolls polls = new ClientPolls(Map.of("default", this.client.reactive()),
			this.client.reactive().pollingPolicy().backoff());

	@AfterEach
	void close() {
		this.client.close();
		this.other.close();
		this.gateway.close();
	}

	@Test
	void anExecutionsServiceIsTheOneItsClientIsRegisteredUnder() {
		assertThat(this.polls.adopt(this.client.run(Map.of("i", 1)).reactive())).isEqualTo("default");
		HubServiceExecution foreign = this.other.run(Map.of("i", 2));
		assertThatIllegalArgumentException().isThrownBy(() -> this.polls.adopt(foreign.reactive()))
			.withMessage("execution " + foreign.id() + " belongs to service 'other', which this tracker does not poll; "
					+ "its services are [default]");
		assertThat(this.polls.polls("default")).isTrue();
		assertThat(this.polls.polls("other")).isFalse();
	}

	@Test
	void aStatusPollReachesTheGateway() {
		TrackedExecution execution = tracked(this.client.run(Map.of("i", 1)).id(), 0);
		assertThat(this.polls.status(execution).block())
			.satisfies((state) -> assertThat(state.status()).isEqualTo(ServiceExecutionStatus.RUNNING));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.polls.status(execution).block())
			.satisfies((state) -> assertThat(state.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED));
	}

	@Test
	void anExecutionTheClientDidNotSubmitFollowsTheDoublingSchedule() {
		String elsewhere = this.other.run(Map.of("i", 3)).id();
		assertThat(this.polls.firstPollDelay("default", elsewhere)).isEqualTo(Duration.ofMillis(100));
		TrackedExecution execution = tracked(elsewhere, 0);
		this.polls.status(execution).block();
		this.polls.status(execution).block();
		assertThat(this.polls.nextPollDelay(execution)).isEqualTo(Duration.ofMillis(400));
	}

	@Test
	void theRetryDelayAfterAFailureDoublesWithThePollsMadeUpToTheMaxInterval() {
		assertThat(this.polls.retryDelay(1)).isEqualTo(Duration.ofMillis(200));
		assertThat(this.polls.retryDelay(3)).isEqualTo(Duration.ofMillis(800));
		assertThat(this.polls.retryDelay(12)).isEqualTo(Duration.ofSeconds(10));
	}

	private static TrackedExecution tracked(String id, int polls) {
		return new TrackedExecution("default", id, T0, T0, polls, 0, "me", 1);
	}

	private HubServiceClient client() {
		return HubServiceClient.builder().serviceEndpoint(this.gateway.serviceEndpoint()).polling(POLICY).build();
	}

}
