package io.qhub.service.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

import io.qhub.service.client.hostile.HostileServer;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.TransportRetryPolicy;
import io.qhub.service.core.TransportSettings;
import io.qhub.service.datapool.DataPoolGrant;
import io.qhub.service.datapool.HubPlatformClient;
import io.qhub.service.datapool.PlatformEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * Every deadline and limit of the transport, proven against a server that wants to hurt
 * the client ({@link HostileServer}: answers that never start, bodies trickled a byte a
 * second, endless bodies, a token endpoint that hangs), through the real stack on
 * loopback. Elapsed times are correctness bounds with generous margins: a wait of 3 s
 * must not end before it, and must end well before twice it; the measured figures are in
 * the closing note, not asserted here.
 */
@Timeout(60)
@Execution(ExecutionMode.CONCURRENT)
class HostileServerFaultMatrixTests {

	private static final String SERVICE = "/svc/1.0.0";

	private static final String EXECUTION = "{\"id\":\"e1\",\"status\":\"PENDING\"}";

	private static final String RUNNING = "{\"id\":\"e1\",\"status\":\"RUNNING\"}";

	private static final String TOKEN = "{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}";

	private HostileServer server;

	@BeforeEach
	void start() throws Exception {
		this.server = new HostileServer().on("/token", HostileServer.json(200, TOKEN))
			.on(SERVICE + "/", HostileServer.json(201, EXECUTION));
	}

	@AfterEach
	void stop() throws Exception {
		this.server.close();
	}

	private HubServiceClientBuilder client() {
		return HubServiceClient.builder()
			.serviceEndpoint(this.server.url() + SERVICE)
			.tokenEndpoint(this.server.url() + "/token")
			.accessKeyId("id")
			.secretAccessKey("secret")
			.platformEnvironment(new PlatformEnvironment(Map.of(), java.nio.file.Path.of("/nonexistent")));
	}

	// --- a wait's deadline bounds every request in it
	// --------------------------------------------------------

	static Stream<Arguments> stalledStatus() {
		return Stream.of(Arguments.of("never answers", HostileServer.neverAnswer()),
				Arguments.of("headers, then 1 byte/s", HostileServer.trickle(200, RUNNING, Duration.ofSeconds(1))));
	}

	@ParameterizedTest(name = "status {0}: waitForFinalState(3 s) ends at its deadline")
	@MethodSource("stalledStatus")
	void aWaitEndsAtItsDeadlineWhateverTheStatusAnswerDoes(String name, HostileServer.Handler status) {
		this.server.on(SERVICE + "/e1", status);
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
		this.server.on(SERVICE + "/e1", HostileServer.neverAnswer());
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
		this.server.on("/token",
				HostileServer.firstThen(1,
						HostileServer.json(200,
								"{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":4}"),
						HostileServer.neverAnswer()));
		this.server.on(SERVICE + "/e1", HostileServer.json(200, RUNNING));
		try (HubServiceClient client = client().readTimeout(Duration.ofSeconds(30)).build()) {
			HubServiceExecution execution = client.run(Map.of());

			Timed<Throwable> wait = timed(
					() -> catchThrowable(() -> execution.waitForFinalState(Duration.ofSeconds(3))));

			assertThat(wait.value()).isInstanceOfSatisfying(ExecutionTimeoutException.class,
					(ex) -> assertThat(ex.lastExecution().status()).isEqualTo(ServiceExecutionStatus.RUNNING));
			assertThat(wait.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(2900))
				.isLessThan(Duration.ofSeconds(6));
			assertThat(this.server.requests("/token")).isGreaterThanOrEqualTo(2);
		}
	}

	// --- every single call is bounded by its call timeout
	// ----------------------------------------------------

	static Stream<Arguments> calls() {
		List<Arguments> calls = new java.util.ArrayList<>();
		Map<String, Function<HubServiceClient, Object>> operations = Map.of("GET /",
				(client) -> client.api().getServiceExecutions(), "POST /",
				(client) -> client.api().startExecution(Map.of("shots", 1)), "GET /{id} (refresh)",
				(client) -> client.getServiceExecution("e1"), "GET /{id}/result",
				(client) -> client.api().getResult("e1"), "GET /{id}/log", (client) -> client.api().getLogs("e1"),
				"PUT /{id}/cancel", (client) -> client.api().cancelExecution("e1"));
		operations.forEach((operation, call) -> {
			calls.add(Arguments.of(operation, "never answers", HostileServer.neverAnswer(), call));
			calls.add(Arguments.of(operation, "trickles 1 byte/s",
					HostileServer.trickle(200, RUNNING, Duration.ofSeconds(1)), call));
		});
		return calls.stream();
	}

	@ParameterizedTest(name = "{0} when the gateway {1}")
	@MethodSource("calls")
	void everyCallEndsWithATransportExceptionWithinItsCallTimeout(String operation, String fault,
			HostileServer.Handler handler, Function<HubServiceClient, Object> call) {
		this.server.on(SERVICE + "/", handler);
		try (HubServiceClient client = client().readTimeout(Duration.ofSeconds(30))
			.callTimeout(Duration.ofSeconds(2))
			.build()) {
			client.checkCredentials();

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
		this.server.on("/token", HostileServer.neverAnswer()).on(SERVICE + "/e1", HostileServer.json(200, RUNNING));
		try (HubServiceClient client = client().callTimeout(Duration.ofSeconds(2)).build()) {
			Timed<Throwable> failure = timed(() -> catchThrowable(() -> client.api().getStatus("e1")));

			assertThat(failure.value()).isInstanceOf(HubTransportException.class).hasMessageContaining("callTimeout");
			assertThat(failure.elapsed()).isLessThan(Duration.ofSeconds(4));
			assertThat(this.server.requests(SERVICE + "/e1")).isZero();
		}
	}

	@Test
	void aTokenRequestThatHangsIsBoundedOnItsOwnToo() {
		this.server.on("/token", HostileServer.neverAnswer());
		try (HubServiceClient client = client().callTimeout(Duration.ofSeconds(2)).build()) {
			Timed<Throwable> failure = timed(() -> catchThrowable(client::checkCredentials));

			assertThat(failure.value()).isInstanceOfSatisfying(HubTransportException.class,
					(ex) -> assertThat(ex.operation()).isEqualTo("POST /token"));
			assertThat(failure.elapsed()).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void aGrantRequestThatHangsEndsWithATransportExceptionAndStartsNoExecution() {
		this.server.on("/platform/data-pool-grants", HostileServer.neverAnswer());
		HubPlatformClient platform = HubPlatformClient.builder()
			.apiKey("pat")
			.platformEndpoint(this.server.url() + "/platform")
			.transportSettings(TransportSettings.defaults().withCallTimeout(Duration.ofSeconds(2)))
			.build();
		try (platform; HubServiceClient client = client().platformClient(platform).build()) {
			Timed<Throwable> failure = timed(() -> catchThrowable(() -> client.run(Map.of(),
					RunOptions.none().withGrants(new DataPoolGrant("data", "dp-1", "app-1")))));

			assertThat(failure.value()).isInstanceOf(HubTransportException.class)
				.hasMessageContaining("POST /data-pool-grants")
				.hasMessageContaining("callTimeout");
			assertThat(failure.elapsed()).isLessThan(Duration.ofSeconds(4));
			assertThat(this.server.requests(SERVICE + "/")).isZero();
		}
	}

	// --- every body is bounded
	// ---------------------------------------------------------------------------------

	@Test
	void anEndlessTokenAnswerIsCutAtItsLimit() {
		this.server.on("/token", HostileServer.endless(200, "application/json"));
		try (HubServiceClient client = client().build()) {
			Throwable failure = catchThrowable(client::checkCredentials);

			assertThat(failure).isInstanceOfSatisfying(HubTransportException.class, (ex) -> {
				assertThat(ex.operation()).isEqualTo("POST /token");
				assertThat(ex.getMessage()).contains("64 KiB").contains("token answers");
				assertThat(ex.failureKind()).isEqualTo(FailureKind.PERMANENT);
			});
			assertThat(this.server.requests("/token")).isEqualTo(1);
		}
	}

	@Test
	void anEndlessJsonAnswerIsCutAtTheJsonLimitNamingItsProperty() {
		this.server.on(SERVICE + "/e1", HostileServer.endless(200, "application/json"));
		try (HubServiceClient client = client().maxJsonBodySize(1024 * 1024).build()) {
			Throwable failure = catchThrowable(() -> client.api().getStatus("e1"));

			assertThat(failure).isInstanceOf(HubTransportException.class)
				.hasMessageContaining("1 MiB JSON limit")
				.hasMessageContaining("maxJsonBodySize")
				.hasMessageContaining("qhub.service.max-json-body-size");
			assertThat(this.server.requests(SERVICE + "/e1")).isEqualTo(1);
		}
	}

	@Test
	void theDefaultJsonLimitHoldsToo() {
		this.server.on(SERVICE + "/e1", HostileServer.endless(200, "application/json"));
		try (HubServiceClient client = client().build()) {
			assertThat(catchThrowable(() -> client.api().getStatus("e1"))).isInstanceOf(HubTransportException.class)
				.hasMessageContaining("32 MiB JSON limit");
		}
	}

	@Test
	void anEndlessErrorAnswerIsCutAtTheErrorLimit() {
		this.server.on(SERVICE + "/e1", HostileServer.endless(503, "text/html"));
		try (HubServiceClient client = client().transportRetry(TransportRetryPolicy.NONE).build()) {
			Throwable failure = catchThrowable(() -> client.api().getStatus("e1"));

			assertThat(failure).isInstanceOfSatisfying(HubTransportException.class, (ex) -> {
				assertThat(ex.getMessage()).contains("HTTP 503").contains("64 KiB").contains("error answers");
				assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT);
			});
		}
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

}
