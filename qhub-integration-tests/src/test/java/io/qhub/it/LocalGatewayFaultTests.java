package io.qhub.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.Sleeper;
import io.qhub.service.core.TransportRetryPolicy;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ResultFile;
import io.qhub.test.gateway.ServiceOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The fault matrix through the real stack (Reactor Netty client, OAuth2 token exchange, a
 * real HTTP server on loopback) against {@link LocalHubGateway} and its injected faults.
 * The gateway and the client share one {@link VirtualTime}; the client's sleeper moves it
 * instead of waiting, so executions progress and retries happen without any real delay.
 * Asserts call counts, never time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalGatewayFaultTests {

	private static final String KEY_ID = "fault-id";

	private static final String SECRET = "fault-secret";

	private static final long FILE_SIZE = 1_000_000;

	private static final TransportRetryPolicy NO_JITTER = new TransportRetryPolicy(4, Duration.ofMillis(500),
			Duration.ofSeconds(8), 0.0);

	private final VirtualTime clock = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	private final AtomicInteger sleepCount = new AtomicInteger();

	private volatile Runnable onSecondSleep = () -> {
	};

	private LocalHubGateway gateway;

	private HubServiceClient client;

	@BeforeEach
	void start() {
		this.gateway = LocalHubGateway.builder()
			.accessKey(KEY_ID, SECRET)
			.clock(this.clock)
			.timing(Duration.ofSeconds(1), Duration.ofSeconds(2))
			.handler((request) -> ServiceOutcome.success(Map.of("ok", true))
				.withFile("big.bin", ResultFile.generated(FILE_SIZE)))
			.start();
		Sleeper advancing = (duration) -> Mono.fromRunnable(() -> {
			this.sleeps.add(duration);
			if (this.sleepCount.incrementAndGet() == 2) {
				this.onSecondSleep.run();
			}
			this.clock.advance(duration);
		});
		this.client = HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.tokenEndpoint(this.gateway.tokenEndpoint())
			.accessKeyId(KEY_ID)
			.secretAccessKey(SECRET)
			.clock(this.clock)
			.sleeper(advancing)
			.transportRetry(NO_JITTER)
			.readTimeout(Duration.ofSeconds(2))
			.build();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.gateway.close();
	}

	private long calls(GatewayOperation operation) {
		return this.gateway.callCount(operation);
	}

	private static List<String> listing(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((path) -> path.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void tokenRevokedMidWaitCostsExactlyOneExtraTokenRequestAndTheWaitSucceeds() {
		HubServiceExecution execution = this.client.run(Map.of("shots", 1));
		this.onSecondSleep = this.gateway::revokeTokens;

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);

		assertThat(calls(GatewayOperation.TOKEN)).isEqualTo(2);
		assertThat(calls(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		// polls after 0.5 s (PENDING), 1 s (RUNNING; rejected once, then resent) and 2 s
		// (SUCCEEDED)
		assertThat(calls(GatewayOperation.GET_STATUS)).isEqualTo(4);
		assertThat(this.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

	@Test
	void burstOf503OnStatusIsRetriedThroughTheRealStack() {
		HubServiceExecution execution = this.client.run(Map.of());
		this.clock.advance(Duration.ofSeconds(5));
		this.gateway.inject(InjectedFault.status(GatewayOperation.GET_STATUS, 503, null, 3));

		assertThat(execution.refresh().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);

		assertThat(calls(GatewayOperation.GET_STATUS)).isEqualTo(4);
		assertThat(this.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

	@Test
	void tooManyRequestsWithRetryAfterOnStatusIsHonoured() {
		HubServiceExecution execution = this.client.run(Map.of());
		this.clock.advance(Duration.ofSeconds(5));
		this.gateway.inject(InjectedFault.status(GatewayOperation.GET_STATUS, 429, "3", 1));

		assertThat(execution.refresh().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);

		assertThat(calls(GatewayOperation.GET_STATUS)).isEqualTo(2);
		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void persistent503OnStatusEndsInApiExceptionAfterFourAttempts() {
		HubServiceExecution execution = this.client.run(Map.of());
		this.gateway.inject(InjectedFault.status(GatewayOperation.GET_STATUS, 503, null, 10));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(execution::refresh)
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503));

		assertThat(calls(GatewayOperation.GET_STATUS)).isEqualTo(4);
	}

	@Test
	void statusAnswerCutMidwayIsResentByTheTransportAndAWaitRidesItOutOnItsSchedule() {
		HubServiceExecution execution = this.client.run(Map.of());
		this.gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.GET_STATUS, 1));

		// one call: the cut answer is transient, so the transport sends the GET again
		assertThat(execution.refresh().id()).isEqualTo(execution.id());
		assertThat(calls(GatewayOperation.GET_STATUS)).isEqualTo(2);

		// every attempt cut: a transport exception naming the operation
		this.gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.GET_STATUS, 4));
		assertThatExceptionOfType(HubTransportException.class).isThrownBy(execution::refresh)
			.withMessageContaining("GET /{id}");

		// a wait polls on its own schedule: a cut poll is followed by the next one
		this.gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.GET_STATUS, 1));
		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(calls(GatewayOperation.START_EXECUTION)).isEqualTo(1);
	}

	@Test
	void burstOf503OnTheResultIsRiddenOut() {
		HubServiceExecution execution = this.client.run(Map.of());
		this.gateway.inject(InjectedFault.status(GatewayOperation.GET_RESULT, 503, null, 3));

		assertThat(execution.result().properties()).containsEntry("ok", true);

		// the result retry alone retries, one request per attempt: three 503s, then the
		// result
		assertThat(calls(GatewayOperation.GET_RESULT)).isEqualTo(4);
	}

	@Test
	void resultAnswered503EveryTimeCostsExactlyMaxAttemptsRequests() {
		HubServiceExecution execution = this.client.run(Map.of());
		this.gateway.inject(InjectedFault.status(GatewayOperation.GET_RESULT, 503, null, 100));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(execution::result)
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503));

		assertThat(calls(GatewayOperation.GET_RESULT)).isEqualTo(ResultRetryPolicy.DEFAULT.maxAttempts());
	}

	@Test
	void fileCutAtHalfLeavesNoFileAndTheNextDownloadIsComplete(@TempDir Path directory) throws IOException {
		HubServiceExecution execution = this.client.run(Map.of());
		execution.waitForFinalState();
		this.gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.GET_RESULT_FILE, 1));

		Throwable ex = catchThrowable(() -> execution.downloadResultFile("big.bin", directory));

		assertThat(ex).isInstanceOf(HubTransportException.class);
		assertThat(listing(directory)).isEmpty();

		Path file = execution.downloadResultFile("big.bin", directory);

		assertThat(Files.size(file)).isEqualTo(FILE_SIZE);
		byte[] bytes = Files.readAllBytes(file);
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] != ResultFile.generatedByte(i)) {
				throw new AssertionError("byte " + i + " differs");
			}
		}
		assertThat(listing(directory)).containsExactly("big.bin");
		assertThat(calls(GatewayOperation.GET_RESULT_FILE)).isEqualTo(2);
	}

	@Test
	void fileRequestAnswered503IsRetriedAndComplete(@TempDir Path directory) throws IOException {
		HubServiceExecution execution = this.client.run(Map.of());
		execution.waitForFinalState();
		this.gateway.inject(InjectedFault.status(GatewayOperation.GET_RESULT_FILE, 503, null, 2));

		Path file = execution.downloadResultFile("big.bin", directory);

		assertThat(Files.size(file)).isEqualTo(FILE_SIZE);
		assertThat(calls(GatewayOperation.GET_RESULT_FILE)).isEqualTo(3);
	}

	@Test
	void startAnswered503IsApiExceptionWithExactlyOnePost() {
		this.gateway.inject(InjectedFault.status(GatewayOperation.START_EXECUTION, 503, "1", 1));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> this.client.run(Map.of("shots", 1)))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(503);
				assertThat(ex.retryAfter()).contains(Duration.ofSeconds(1));
			});

		assertThat(calls(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		assertThat(this.gateway.executionCount()).isZero();
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void startAnswerCutMidwayIsFoundByItsSubmissionKeyAndNotStartedTwice() {
		this.gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.START_EXECUTION, 1));

		HubServiceExecution execution = this.client.run(Map.of("shots", 1));

		// the gateway did start it; the client did not send the POST again but found it
		assertThat(calls(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		assertThat(calls(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
		assertThat(this.gateway.executionCount()).isEqualTo(1);
		assertThat(this.gateway.status(execution.id())).isNotNull();
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void startAnswerCutMidwayWithoutSubmissionKeysIsTransportExceptionAndTheExecutionIsNotStartedTwice() {
		this.gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.START_EXECUTION, 1));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> this.client.run(Map.of("shots", 1), RunOptions.none().withSubmissionKey(false)))
			.withMessageContaining("POST /");

		// the gateway did start it; the client must not have sent the POST again
		assertThat(calls(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		assertThat(calls(GatewayOperation.GET_SERVICE_EXECUTIONS)).isZero();
		assertThat(this.gateway.executionCount()).isEqualTo(1);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void startSlowerThanTheReadTimeoutIsTransportExceptionWithExactlyOnePost() {
		this.gateway.inject(InjectedFault.latency(GatewayOperation.START_EXECUTION, Duration.ofSeconds(10), 1));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> this.client.run(Map.of("shots", 1)))
			.withMessageContaining("POST /");

		assertThat(calls(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		assertThat(this.gateway.executionCount()).isLessThanOrEqualTo(1);
		assertThat(this.sleeps).isEmpty();
	}

}
