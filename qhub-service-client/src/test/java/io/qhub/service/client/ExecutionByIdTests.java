package io.qhub.service.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ReactiveHubServiceClient#execution(String)}: a handle attached by id makes no
 * call until it is refreshed, follows the doubling schedule counted by its own polls, and
 * an id the gateway does not know fails at the first refresh.
 */
class ExecutionByIdTests {

	private final LocalHubGateway gateway = LocalHubGateway.builder()
		.timing(Duration.ZERO, Duration.ofMinutes(1))
		.start();

	private final HubServiceClient client = HubServiceClient.builder()
		.serviceEndpoint(this.gateway.serviceEndpoint())
		.polling(new PollingPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMinutes(1))
			.withLearning(false))
		.platformEnvironment(new PlatformEnvironment(Map.of(), Path.of("/nonexistent")))
		.build();

	@AfterEach
	void close() {
		this.client.close();
		this.gateway.close();
	}

	@Test
	void anAttachedHandleMakesNoCallUntilRefreshedAndThenFollowsItsPolls() {
		String id = this.client.run(Map.of("shots", 1)).id();
		this.gateway.resetRecording();

		ReactiveHubServiceExecution attached = this.client.reactive().execution(id);

		assertThat(attached.status()).isEqualTo(ServiceExecutionStatus.UNKNOWN);
		assertThat(attached.nextPollDelay()).isEqualTo(Duration.ofMillis(100));
		assertThat(this.gateway.callCount(GatewayOperation.GET_STATUS)).isZero();
		assertThat(attached.refresh().block().status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		assertThat(attached.status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		assertThat(attached.nextPollDelay()).isEqualTo(Duration.ofMillis(200));
		assertThat(this.gateway.callCount(GatewayOperation.GET_STATUS)).isEqualTo(1);
	}

	@Test
	void anIdTheGatewayDoesNotKnowFailsAtTheFirstRefresh() {
		ReactiveHubServiceExecution attached = this.client.reactive().execution("no-such-execution");

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> attached.refresh().block())
			.satisfies((ex) -> assertThat(ex.isNotFound()).isTrue());
	}

}
