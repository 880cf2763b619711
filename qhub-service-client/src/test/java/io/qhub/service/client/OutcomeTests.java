package io.qhub.service.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.qhub.service.client.fixtures.GatewayStack;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.Secrets;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.LogLine;
import io.qhub.test.gateway.ServiceOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Outcomes said plainly, against a {@link LocalHubGateway} over loopback:
 * {@code successfulResult()} of a FAILED or CANCELLED execution is an
 * {@link ExecutionNotSucceededException} with the status and the last log lines,
 * redacted; a refused cancel is a {@link CancelRefusedException} stating the current
 * status; a cancel whose answer is not final yet is read again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutcomeTests {

	private static final String ACCESS_KEY_ID = "outcome-id";

	private static final String SECRET = "outcome-s3cr3t-key";

	private static final String JSON = "application/json";

	private final VirtualTime vt = new VirtualTime();

	private final GatewayStack stack = new GatewayStack();

	@BeforeEach
	void start() {
		LocalHubGateway started = LocalHubGateway.builder()
			.servicePath(LifecycleFixtures.BASE)
			.accessKey(ACCESS_KEY_ID, SECRET)
			.clock(this.vt)
			.timing(Duration.ZERO, Duration.ofSeconds(1))
			.handler((request) -> Boolean.TRUE.equals(request.get("fail"))
					? ServiceOutcome.failure("login refused for " + SECRET)
						.withLogs(List.of(LogLine.info("step 1"), LogLine.info("step 2"),
								LogLine.error("login refused for " + SECRET)))
					: ServiceOutcome.success(Map.of("sum", 42)))
			.start();
		this.stack.gateway(started);
		this.stack.client(HubServiceClient.builder()
			.serviceEndpoint(started.serviceEndpoint())
			.tokenEndpoint(started.tokenEndpoint())
			.accessKeyId(ACCESS_KEY_ID)
			.secretAccessKey(SECRET)
			.clock(this.vt)
			.sleeper(this.vt)
			.transportRetry(LifecycleFixtures.NO_JITTER)
			.build());
	}

	@AfterEach
	void tearDown() {
		this.stack.close();
	}

	@Test
	void successfulResultOfASucceededExecutionIsItsResult() {
		HubServiceExecution execution = this.stack.client().run(Map.of());

		assertThat(execution.successfulResult(Sum.class)).isEqualTo(new Sum(42));
		assertThat(execution.successfulResult().properties()).containsEntry("sum", 42);
		assertThat(this.stack.gateway().callCount(GatewayOperation.GET_RESULT)).isEqualTo(1);
	}

	@Test
	void successfulResultOfAFailedExecutionSaysSoWithItsLastLogLinesRedacted() {
		HubServiceExecution execution = this.stack.client().run(Map.of("fail", true));

		assertThatExceptionOfType(ExecutionNotSucceededException.class).isThrownBy(execution::successfulResult)
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(ServiceExecutionStatus.FAILED);
				assertThat(ex.execution().id()).isEqualTo(execution.id());
				assertThat(ex.failureKind()).isEqualTo(FailureKind.PERMANENT);
				assertThat(ex.lastLogLines()).extracting(LogEntry::message)
					.containsExactly("step 1", "step 2", "login refused for " + Secrets.REDACTED);
				assertThat(ex.getMessage()).contains("ended FAILED")
					.contains("login refused for " + Secrets.REDACTED)
					.doesNotContain(SECRET);
			});
		// the plain result() still yields the result response, as the official SDK does
		assertThat(this.stack.gateway().callCount(GatewayOperation.GET_RESULT)).isZero();
		assertThat(execution.result().properties()).containsKey("error");
	}

	@Test
	void successfulResultOfACancelledExecutionSaysSoReactivelyToo() {
		ReactiveHubServiceExecution execution = this.stack.client().reactive().run(Map.of()).block();
		assertThat(execution).isNotNull();
		StepVerifier.create(execution.cancel())
			.assertNext((state) -> assertThat(state.status()).isEqualTo(ServiceExecutionStatus.CANCELLED))
			.verifyComplete();

		StepVerifier.create(execution.successfulResult(Sum.class))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ExecutionNotSucceededException.class)
				.hasMessageContaining("ended CANCELLED"))
			.verify();
	}

	@Test
	void aRefusedCancelStatesTheCurrentStatus() {
		HubServiceExecution execution = this.stack.client().run(Map.of());
		this.vt.advance(Duration.ofSeconds(2));
		this.stack.gateway()
			.inject(InjectedFault.answer(GatewayOperation.CANCEL_EXECUTION, 409, JSON,
					"{\"error\":\"execution has already ended\"}"));

		assertThatExceptionOfType(CancelRefusedException.class).isThrownBy(execution::cancel).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			assertThat(ex.statusCode()).isEqualTo(409);
			assertThat(ex.getMessage()).contains(execution.id()).contains("HTTP 409").contains("it is SUCCEEDED");
			assertThat(ex.getCause()).isInstanceOf(HubApiException.class);
		});
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
	}

	@Test
	void aCancelFailingOtherwiseIsNoRefusal() {
		HubServiceExecution execution = this.stack.client().run(Map.of());
		this.stack.gateway().inject(InjectedFault.status(GatewayOperation.CANCEL_EXECUTION, 403, null, 1));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(execution::cancel)
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(403));
	}

	@Test
	void aCancelAnsweredBeforeItTookEffectIsReadAgain() {
		HubServiceExecution execution = this.stack.client().run(Map.of());
		this.stack.gateway().resetRecording();
		this.stack.gateway().inject(InjectedFault.rawField(GatewayOperation.CANCEL_EXECUTION, "status", "\"RUNNING\""));

		assertThat(execution.cancel().status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(this.stack.gateway().callCount(GatewayOperation.GET_STATUS)).isEqualTo(1);
	}

	@Test
	void aCancelAnsweredFinalIsNotReadAgain() {
		HubServiceExecution execution = this.stack.client().run(Map.of());
		this.stack.gateway().resetRecording();

		assertThat(execution.cancel().status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(this.stack.gateway().callCount(GatewayOperation.GET_STATUS)).isZero();
	}

	/**
	 * The service's output.
	 *
	 * @param sum the sum
	 */
	public record Sum(int sum) {
	}

}
