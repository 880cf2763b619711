package io.qhub.service.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ServiceOutcome;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expected end of an execution and the progress {@code watchProgress} reports, on
 * {@link VirtualTime} against the local gateway (executions of 10 s): unknown until the
 * client has seen an execution of the service finish, then its submission plus the time
 * after which the earlier execution was seen final (12.5 s: the doubling schedule's polls
 * at 0.5, 1.5, 3.5, 7.5 and 12.5 s saw the first one running until 7.5 s and final at
 * 12.5 s).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExpectedEndTests {

	private static final Duration RUN = Duration.ofSeconds(10);

	private final VirtualTime vt = new VirtualTime();

	private @Nullable LocalHubGateway gateway;

	private @Nullable HubServiceClient client;

	@AfterEach
	void tearDown() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.gateway != null) {
			this.gateway.close();
		}
	}

	@Test
	void theExpectedEndIsUnknownUntilAnExecutionOfTheServiceWasSeenFinal() {
		HubServiceClient client = start();

		HubServiceExecution first = client.run(Map.of());

		assertThat(first.expectedEnd()).isEmpty();
		assertThat(first.progress().expected()).isNull();
		assertThat(first.progress().fraction()).isEmpty();
		assertThat(first.progress().remaining()).isEmpty();
	}

	@Test
	void theExpectedEndFollowsFromTheDurationsSeen() {
		HubServiceClient client = start();
		client.run(Map.of()).waitForFinalState();

		Instant submitted = this.vt.instant();
		HubServiceExecution second = client.run(Map.of());

		assertThat(second.expectedEnd()).contains(submitted.plus(Duration.ofMillis(12_500)));
		assertThat(second.progress().remaining()).contains(Duration.ofMillis(12_500));
		assertThat(second.progress().fraction()).hasValue(0.0);
	}

	@Test
	void aHandleFetchedByIdKnowsTheExpectedEndOfAnExecutionTheClientStarted() {
		HubServiceClient client = start();
		String first = client.run(Map.of()).id();
		client.getServiceExecution(first).waitForFinalState();

		Instant submitted = this.vt.instant();
		String second = client.run(Map.of()).id();

		assertThat(client.getServiceExecution(second).expectedEnd())
			.contains(submitted.plus(Duration.ofMillis(12_500)));
	}

	@Test
	void anExecutionFetchedFinalTeachesTheExpectedEnd() {
		HubServiceClient client = start();
		String first = client.run(Map.of()).id();
		this.vt.advance(Duration.ofSeconds(15));
		client.getServiceExecution(first);

		Instant submitted = this.vt.instant();
		HubServiceExecution second = client.run(Map.of());

		assertThat(second.expectedEnd()).contains(submitted.plus(Duration.ofSeconds(15)));
	}

	@Test
	void watchProgressReportsElapsedAndExpectedTimeAtEveryPoll() {
		HubServiceClient client = start();
		client.run(Map.of()).waitForFinalState();
		HubServiceExecution second = client.run(Map.of());
		List<ExecutionProgress> seen = new ArrayList<>();

		assertThat(second.watchProgress(seen::add).status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);

		assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
		assertThat(seen.get(0).elapsed()).isZero();
		assertThat(seen).allSatisfy((progress) -> assertThat(progress.expected()).isEqualTo(Duration.ofMillis(12_500)));
		assertThat(seen).extracting(ExecutionProgress::elapsed).isSorted();
		ExecutionProgress last = seen.get(seen.size() - 1);
		assertThat(last.execution().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(last.fraction()).hasValue(1.0);
		assertThat(last.remaining()).contains(Duration.ZERO);
		assertThat(last.elapsed()).isGreaterThanOrEqualTo(RUN);
	}

	@Test
	void anExecutionRunningLateIsNotDone() {
		HubServiceClient client = start();
		client.run(Map.of()).waitForFinalState();
		HubServiceExecution second = client.run(Map.of());

		this.vt.advance(Duration.ofSeconds(20));

		assertThat(second.progress().fraction()).hasValue(0.99);
		assertThat(second.progress().remaining()).contains(Duration.ZERO);
	}

	private HubServiceClient start() {
		this.gateway = LocalHubGateway.builder()
			.servicePath(LifecycleFixtures.BASE)
			.clock(this.vt)
			.timing(Duration.ZERO, RUN)
			.handler((request) -> ServiceOutcome.success(Map.of("sum", 42)))
			.start();
		this.client = HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.clock(this.vt)
			.sleeper(this.vt)
			.build();
		return this.client;
	}

}
