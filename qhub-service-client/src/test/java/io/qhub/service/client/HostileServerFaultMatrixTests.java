package io.qhub.service.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.TransportRetryPolicy;
import io.qhub.service.core.TransportSettings;
import io.qhub.service.datapool.DataPoolGrant;
import io.qhub.service.datapool.HubPlatformClient;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.LocalHubGatewayBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every deadline and limit of the transport, proven against a gateway that wants to hurt
 * the client (a {@link LocalHubGateway} with {@link InjectedFault injected faults}:
 * answers that never start, bodies trickled a byte a second, endless bodies, a token
 * endpoint that hangs), through the real stack on loopback. Elapsed times are correctness
 * bounds with generous margins: a wait of 3 s must not end before it, and must end well
 * before twice it; the measured figures are in the closing note, not asserted here.
 */
@Timeout(60)
@Execution(ExecutionMode.CONCURRENT)
class HostileServerFaultMatrixTests {

	/** Never in the lifetime of a test. */
	private static final Duration FOREVER = Duration.ofHours(1);

	private LocalHubGateway gateway;

	/**
	 * Starts this test's gateway: executions are {@code e1}, {@code e2}, ... and stay
	 * PENDING then RUNNING for {@code pending} and {@code run}.
	 * @param pending time in PENDING
	 * @param run time in RUNNING
	 * @return the builder, to change more
	 */
	private LocalHubGatewayBuilder gateway(Duration pending, Duration run) {
		return LocalHubGateway.builder().accessKey("id", "secret").executionIds("e").timing(pending, run);
	}

	private LocalHubGateway start(LocalHubGatewayBuilder builder) {
		this.gateway = builder.start();
		return this.gateway;
	}

	@AfterEach
	void stop() {
		if (this.gateway != null) {
			this.gateway.close();
		}
	}

	/** A gateway whose executions stay PENDING. */
	private LocalHubGateway pendingGateway() {
		return start(gateway(FOREVER, FOREVER));
	}

	private HubServiceClientBuilder client() {
		return HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.tokenEndpoint(this.gateway.tokenEndpoint())
			.accessKeyId("id")
			.secretAccessKey("secret")
			.platformEnvironment(new PlatformEnvironment(Map.of(), java.nio.file.Path.of("/nonexistent")));
	}

	// --- a wait's deadline bounds every request in it
	// --------------------------------------------------------

	static Stream<Arguments> stalledStatus() {
		return Stream.of(Arguments.of("never answers", InjectedFault.stall(GatewayOperation.GET_STATUS)),
				Arguments.of("headers, then 1 byte/s", InjectedFault.trickle(GatewayOperation.GET_STATUS)));
	}

	@ParameterizedTest(name = "status {0}: waitForFinalState(3 s) ends at its deadline")
	@MethodSource("stalledStatus")
	void aWaitEndsAtItsDeadlineWhateverTheStatusAnswerDoes(String name, InjectedFault status) {
		pendingGateway().inject(status.times(Integer.MAX_VALUE));
		try (HubServiceClient client = client().readTimeout(Duration.ofSeconds(2)).build()) {
			HubServiceExecution execution = client.run(Map.of());

			Timed<Throwable> wait = timed(
					() -> catchThrowable(() -> execution.waitForFinalState(Duration.ofSeconds(3))));

			assertThat(wait.value()).isInstanceOfSatisfying(ExecutionTimeoutException.class, (ex) -> {
				assertThat(ex.lastExecution().id()).isEqualTo("e1");
				assertThat(ex.lastExecution().status()).isEqualTo(ServiceExecutionStatus.PENDING);
			});
			assertThat(wait.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(2900))
				.isLessThan(Duration.ofSeconds(6));
			assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.PENDING);
		}
	}

	@Test
	void aWaitUnderTheDefaultTimeoutsEndsAtItsDeadlineAgainstASilentServer() {
		pendingGateway().inject(InjectedFault.stall(GatewayOperation.GET_STATUS).times(Integer.MAX_VALUE));
		try (HubServiceClient client = client().build()) {
			HubServiceExecution execution = client.run(Map.of());

			Timed<Throwable> wait = timed(
					() -> catchThrowable(() -> execution.waitForFinalState(Duration.ofSeconds(5))));

			assertThat(wait.value()).isInstanceOf(ExecutionTimeoutException.class);
			assertThat(wait.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(4900))
				.isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void aTokenRenewalThatHangsInsideAWaitIsCutAtTheWaitsDeadline() {
		// the first token lives 4 s (renewed after 2 s, so the first polls at 0.5 s and
		// 1.5 s use it even on a busy
		// machine); every later token request hangs, so the poll the wait makes after 2 s
		// hangs until its deadline
		start(gateway(Duration.ZERO, FOREVER).tokenTimeToLive(Duration.ofSeconds(4)));
		try (HubServiceClient client = client().readTimeout(Duration.ofSeconds(30)).build()) {
			HubServiceExecution execution = client.run(Map.of());
			assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isOne();
			this.gateway.inject(InjectedFault.stall(GatewayOperation.TOKEN).times(Integer.MAX_VALUE));

			Timed<Throwable> wait = timed(
					() -> catchThrowable(() -> execution.waitForFinalState(Duration.ofSeconds(3))));

			assertThat(wait.value()).isInstanceOfSatisfying(ExecutionTimeoutException.class,
					(ex) -> assertThat(ex.lastExecution().status()).isEqualTo(ServiceExecutionStatus.RUNNING));
			assertThat(wait.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(2900))
				.isLessThan(Duration.ofSeconds(6));
			assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isGreaterThanOrEqualTo(2);
		}
	}

	// --- every single call is bounded by its call timeout
	// ----------------------------------------------------

	static Stream<Arguments> calls() {
		List<Arguments> calls = new java.util.ArrayList<>();
		Map<String, Call> operations = Map.of("GET /",
				new Call(GatewayOperation.GET_SERVICE_EXECUTIONS, (client) -> client.api().getServiceExecutions()),
				"POST /",
				new Call(GatewayOperation.START_EXECUTION, (client) -> client.api().startExecution(Map.of("shots", 1))),
				"GET /{id} (refresh)",
				new Call(GatewayOperation.GET_STATUS, (client) -> client.getServiceExecution("e1")), "GET /{id}/result",
				new Call(GatewayOperation.GET_RESULT, (client) -> client.api().getResult("e1")), "GET /{id}/log",
				new Call(GatewayOperation.GET_LOGS, (client) -> client.api().getLogs("e1")), "PUT /{id}/cancel",
				new Call(GatewayOperation.CANCEL_EXECUTION, (client) -> client.api().cancelExecution("e1")));
		operations.forEach((operation, call) -> {
			calls.add(Arguments.of(operation, "never answers", InjectedFault.stall(call.operation()), call.call()));
			calls.add(
					Arguments.of(operation, "trickles 1 byte/s", InjectedFault.trickle(call.operation()), call.call()));
		});
		return calls.stream();
	}

	@ParameterizedTest(name = "{0} when the gateway {1}")
	@MethodSource("calls")
	void everyCallEndsWithATransportExceptionWithinItsCallTimeout(String operation, String fault,
			InjectedFault injected, Function<HubServiceClient, Object> call) {
		// e1 has succeeded: its result is there to fault
		start(gateway(Duration.ZERO, Duration.ZERO));
		try (HubServiceClient client = client().readTimeout(Duration.ofSeconds(30))
			.callTimeout(Duration.ofSeconds(2))
			.build()) {
			client.checkCredentials();
			assertThat(client.api().startExecution(Map.of()).id()).isEqualTo("e1");
			this.gateway.inject(injected.times(Integer.MAX_VALUE));

			Timed<Throwable> failure = timed(() -> catchThrowable(() -> call.apply(client)));

			assertThat(failure.value()).isInstanceOf(HubTransportException.class)
				.hasMessageContaining("did not complete within 2s (callTimeout)");
			assertThat(((HubTransportException) failure.value()).failureKind()).isEqualTo(FailureKind.TRANSIENT);
			assertThat(failure.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1900))
				.isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void aCallWhoseTokenRequestHangsEndsWithATransportExceptionWithinItsCallTimeout() {
		pendingGateway().inject(InjectedFault.stall(GatewayOperation.TOKEN).times(Integer.MAX_VALUE));
		try (HubServiceClient client = client().callTimeout(Duration.ofSeconds(2)).build()) {
			Timed<Throwable> failure = timed(() -> catchThrowable(() -> client.api().getStatus("e1")));

			assertThat(failure.value()).isInstanceOf(HubTransportException.class).hasMessageContaining("callTimeout");
			assertThat(failure.elapsed()).isLessThan(Duration.ofSeconds(4));
			assertThat(this.gateway.callCount(GatewayOperation.GET_STATUS)).isZero();
		}
	}

	@Test
	void aTokenRequestThatHangsIsBoundedOnItsOwnToo() {
		pendingGateway().inject(InjectedFault.stall(GatewayOperation.TOKEN).times(Integer.MAX_VALUE));
		try (HubServiceClient client = client().callTimeout(Duration.ofSeconds(2)).build()) {
			Timed<Throwable> failure = timed(() -> catchThrowable(client::checkCredentials));

			assertThat(failure.value()).isInstanceOfSatisfying(HubTransportException.class,
					(ex) -> assertThat(ex.operation()).isEqualTo("POST /token"));
			assertThat(failure.elapsed()).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void aGrantRequestThatHangsEndsWithATransportExceptionAndStartsNoExecution() {
		start(gateway(FOREVER, FOREVER).platformApiKey("pat"))
			.inject(InjectedFault.stall(GatewayOperation.DATA_POOL_GRANT).times(Integer.MAX_VALUE));
		HubPlatformClient platform = HubPlatformClient.builder()
			.apiKey("pat")
			.platformEndpoint(this.gateway.platformEndpoint())
			.transportSettings(TransportSettings.defaults().withCallTimeout(Duration.ofSeconds(2)))
			.build();
		try (platform; HubServiceClient client = client().platformClient(platform).build()) {
			Timed<Throwable> failure = timed(() -> catchThrowable(() -> client.run(Map.of(),
					RunOptions.none().withGrants(new DataPoolGrant("data", "dp-1", "app-1")))));

			assertThat(failure.value()).isInstanceOf(HubTransportException.class)
				.hasMessageContaining("POST /data-pool-grants")
				.hasMessageContaining("callTimeout");
			assertThat(failure.elapsed()).isLessThan(Duration.ofSeconds(4));
			assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isZero();
		}
	}

	// --- every body is bounded
	// ---------------------------------------------------------------------------------

	@Test
	void anEndlessTokenAnswerIsCutAtItsLimit() {
		pendingGateway().inject(InjectedFault.endlessBody(GatewayOperation.TOKEN).times(Integer.MAX_VALUE));
		try (HubServiceClient client = client().build()) {
			Throwable failure = catchThrowable(client::checkCredentials);

			assertThat(failure).isInstanceOfSatisfying(HubTransportException.class, (ex) -> {
				assertThat(ex.operation()).isEqualTo("POST /token");
				assertThat(ex.getMessage()).contains("64 KiB").contains("token answers");
				assertThat(ex.failureKind()).isEqualTo(FailureKind.PERMANENT);
			});
			assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
		}
	}

	@Test
	void anEndlessJsonAnswerIsCutAtTheJsonLimitNamingItsProperty() {
		pendingGateway();
		try (HubServiceClient client = client().maxJsonBodySize(1024 * 1024).build()) {
			startE1(client);
			this.gateway.inject(InjectedFault.endlessBody(GatewayOperation.GET_STATUS).times(Integer.MAX_VALUE));
			Throwable failure = catchThrowable(() -> client.api().getStatus("e1"));

			assertThat(failure).isInstanceOf(HubTransportException.class)
				.hasMessageContaining("1 MiB JSON limit")
				.hasMessageContaining("maxJsonBodySize")
				.hasMessageContaining("qhub.service.max-json-body-size");
			assertThat(this.gateway.callCount(GatewayOperation.GET_STATUS)).isEqualTo(1);
		}
	}

	@Test
	void theDefaultJsonLimitHoldsToo() {
		pendingGateway();
		try (HubServiceClient client = client().build()) {
			startE1(client);
			this.gateway.inject(InjectedFault.endlessBody(GatewayOperation.GET_STATUS).times(Integer.MAX_VALUE));
			assertThat(catchThrowable(() -> client.api().getStatus("e1"))).isInstanceOf(HubTransportException.class)
				.hasMessageContaining("32 MiB JSON limit");
		}
	}

	@Test
	void anEndlessErrorAnswerIsCutAtTheErrorLimit() {
		pendingGateway().inject(new InjectedFault(GatewayOperation.GET_STATUS, Integer.MAX_VALUE, Duration.ZERO, 503,
				null, InjectedFault.Delivery.ENDLESS, InjectedFault.Rewrite.NONE));
		try (HubServiceClient client = client().transportRetry(TransportRetryPolicy.NONE).build()) {
			Throwable failure = catchThrowable(() -> client.api().getStatus("e1"));

			assertThat(failure).isInstanceOfSatisfying(HubTransportException.class, (ex) -> {
				assertThat(ex.getMessage()).contains("HTTP 503").contains("64 KiB").contains("error answers");
				assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT);
			});
		}
	}

	/** Starts {@code e1} through the API, so that calls about it reach the fault. */
	private void startE1(HubServiceClient client) {
		assertThat(client.api().startExecution(Map.of()).id()).isEqualTo("e1");
		assertThat(this.gateway.callCount(GatewayOperation.GET_STATUS)).isZero();
	}

	private static <T> Timed<T> timed(Callable<T> call) {
		long start = System.nanoTime();
		try {
			T value = call.call();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			System.out.println("HOSTILE " + Thread.currentThread().getStackTrace()[2].getMethodName() + ": "
					+ elapsed.toMillis() + " ms, " + ((value instanceof Throwable ex)
							? ex.getClass().getSimpleName() + ": " + ex.getMessage() : value));
			return new Timed<>(value, elapsed);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Timed<T>(T value, Duration elapsed) {
	}

	/** A call of the matrix and the gateway operation it makes. */
	record Call(GatewayOperation operation, Function<HubServiceClient, Object> call) {
	}

}
