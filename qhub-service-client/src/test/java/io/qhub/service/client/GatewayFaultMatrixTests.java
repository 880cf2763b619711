package io.qhub.service.client;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.LogEntrySeverity;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.Sleeper;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.RecordedRequest;
import io.qhub.test.gateway.ResultFile;
import io.qhub.test.gateway.ServiceOutcome;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The gateway half of the fault matrix (reference guide, "Fault matrix"): for each fault,
 * either success after a safe retry or one specific {@link HubClientException} subtype,
 * never a hang and never a second {@code POST /}. Each case runs against a
 * {@link LocalHubGateway} (the project's one gateway emulator) driven by the test's
 * {@link VirtualTime} and given {@link InjectedFault injected faults}: the faults for one
 * operation fire in the order injected, {@link InjectedFault#none} steps answer as they
 * are, canned answers carry any status, content type and body. Retries wait on
 * {@link VirtualTime}, so no test sleeps; the class-wide {@link Timeout} is only a hang
 * guard.
 * <p>
 * Cases already pinned elsewhere and not repeated here: 400/403/404/409/500 on {@code GET
 * /{id}} and 409 on every operation ({@link ServiceApiClientErrorTests}), malformed JSON
 * on every {@code GET}/{@code PUT} and an empty 200 body
 * ({@link ServiceApiClientErrorTests}), a single 503/504/reset then success,
 * {@code Retry-After} in seconds and as an HTTP date on a 503, a read timeout on
 * {@code GET} and {@code POST}, a reset on {@code POST} ({@link TransportRetryTests}),
 * 404 and 5xx during a wait ({@link HubServiceExecutionLifecycleTests}), an unknown
 * status value ({@code io.qhub.service.client.internal.GatewayJsonTests}) and a result
 * without links ({@link ServiceApiClientWireTests}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayFaultMatrixTests {

	/** Enough for "on every attempt". */
	private static final int ALWAYS = 100;

	private static final String ACCESS_KEY_ID = "my id";

	private static final String SECRET = "s3cr+t/=:x";

	private static final String JSON = "application/json";

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

	/**
	 * Starts a gateway whose executions stay PENDING for {@code pending} and RUNNING for
	 * {@code run} of virtual time, then succeed with {@code {"sum":42}} and the file
	 * {@code out.txt}; and an anonymous client of it.
	 */
	private LocalHubGateway start(Duration pending, Duration run) {
		LocalHubGateway started = LocalHubGateway.builder()
			.servicePath(LifecycleFixtures.BASE)
			.clock(this.vt)
			.timing(pending, run)
			.handler((request) -> ServiceOutcome.success(Map.of("sum", 42)).withFile("out.txt", ResultFile.text("out")))
			.start();
		this.gateway = started;
		this.client = anonymous(started).build();
		return started;
	}

	/** A gateway whose executions are RUNNING for an hour. */
	private LocalHubGateway start() {
		return start(Duration.ZERO, Duration.ofHours(1));
	}

	private HubServiceClientBuilder anonymous(LocalHubGateway gateway) {
		return HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.clock(this.vt)
			.sleeper(this.vt)
			.transportRetry(LifecycleFixtures.NO_JITTER);
	}

	private HubServiceClient client() {
		HubServiceClient started = this.client;
		assertThat(started).isNotNull();
		return started;
	}

	/**
	 * Starts an execution for a low-level {@code GET /{id}}, then forgets the calls and
	 * sleeps that took.
	 */
	private String startedId(LocalHubGateway gateway) {
		String id = client().run(Map.of()).id();
		gateway.resetRecording();
		this.vt.clearSleeps();
		return id;
	}

	private static long posts(LocalHubGateway gateway) {
		return gateway.callCount(GatewayOperation.START_EXECUTION);
	}

	private static long statusPolls(LocalHubGateway gateway) {
		return gateway.callCount(GatewayOperation.GET_STATUS);
	}

	private static long resultRequests(LocalHubGateway gateway) {
		return gateway.callCount(GatewayOperation.GET_RESULT);
	}

	// --- connection refused
	// -------------------------------------------------------------------------------

	@Test
	void connectionRefusedOnGetIsRetriedFourTimesThenTransportException() {
		LocalHubGateway closed = start();
		closed.close();
		try (HubServiceClient refused = anonymous(closed).build()) {
			assertThatExceptionOfType(HubTransportException.class)
				.isThrownBy(() -> refused.api().getStatus(LifecycleFixtures.ID))
				.withMessageContaining("GET /{id}")
				.withMessageContaining("Connection refused");
		}

		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	// --- reset mid-response
	// ---------------------------------------------------------------------------------

	@Test
	void resetMidBodyOnALowLevelGetIsRetriedByTheTransport() {
		// the retry covers the whole call, body included: a GET whose answer was cut is
		// sent again
		LocalHubGateway gateway = start();
		String id = startedId(gateway);
		gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.GET_STATUS, 1));

		assertThat(client().api().getStatus(id).status()).isEqualTo(ServiceExecutionStatus.RUNNING);

		assertThat(statusPolls(gateway)).isEqualTo(2);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void resetMidBodyOnEveryAttemptIsATransportExceptionNamingTheOperation() {
		LocalHubGateway gateway = start();
		String id = startedId(gateway);
		gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.GET_STATUS, ALWAYS));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client().api().getStatus(id))
			.withMessageContaining("GET /{id}")
			.withMessageContaining("prematurely closed")
			.satisfies((ex) -> assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT));

		assertThat(statusPolls(gateway)).isEqualTo(4);
	}

	@Test
	void resetMidBodyDuringAWaitAndOnTheResultIsRiddenOut() {
		// PENDING when started, RUNNING at the first poll (0.5 s), done from 1 s on
		LocalHubGateway gateway = start(Duration.ofMillis(250), Duration.ofMillis(750));
		gateway.inject(InjectedFault.none(GatewayOperation.GET_STATUS, 1))
			.inject(InjectedFault.dropMidResponse(GatewayOperation.GET_STATUS, 1))
			.inject(InjectedFault.dropMidResponse(GatewayOperation.GET_RESULT, 1));
		HubServiceExecution execution = client().run(Map.of());

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(execution.resultFiles()).containsExactly("out.txt");

		assertThat(statusPolls(gateway)).isEqualTo(3);
		assertThat(resultRequests(gateway)).isEqualTo(2);
		assertThat(posts(gateway)).isEqualTo(1);
		// polls after 0.5, 1 and 2 s; the result retry waits 1 s
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(1));
	}

	@Test
	void persistentResetMidResponseOnGetEndsInTransportExceptionAfterFourAttempts() {
		// random data, then the connection closed (within the body: the gateway always
		// sends an HTTP status line)
		LocalHubGateway gateway = start();
		String id = startedId(gateway);
		gateway.inject(InjectedFault.answer(GatewayOperation.GET_STATUS, 200, JSON, "\u0007x\u00ff#%[{".repeat(64))
			.droppedMidway()
			.times(ALWAYS));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client().api().getStatus(id))
			.withMessageContaining("GET /{id}");

		assertThat(statusPolls(gateway)).isEqualTo(4);
	}

	@Test
	void resetMidResponseOnStartExecutionIsNotRetriedButFoundByItsSubmissionKey() {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.START_EXECUTION, 1));

		HubServiceExecution execution = client().run(Map.of("shots", 1));

		assertThat(gateway.executionCount()).isEqualTo(1);
		assertThat(gateway.status(execution.id())).isNotNull();
		assertThat(posts(gateway)).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	@Test
	void resetMidResponseOnStartExecutionWithoutSubmissionKeysIsNotRetried() {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.START_EXECUTION, 1));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> client().run(Map.of("shots", 1), RunOptions.none().withSubmissionKey(false)))
			.withMessageContaining("POST /");

		assertThat(posts(gateway)).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	// --- empty body, malformed JSON, HTML
	// -----------------------------------------------------------------------

	@Test
	void emptyBodyOnStartExecutionIsATransportExceptionAndNotRetried() {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.answer(GatewayOperation.START_EXECUTION, 201, JSON, ""));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client().run(Map.of()))
			.withMessageContaining("POST /")
			.withMessageContaining("empty body");

		assertThat(posts(gateway)).isEqualTo(1);
	}

	@Test
	void malformedJsonOnStartExecutionIsATransportExceptionAndNotRetried() {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.answer(GatewayOperation.START_EXECUTION, 201, JSON,
				"{\"id\": \"" + LifecycleFixtures.ID + "\", \"status\": "));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client().run(Map.of()))
			.withMessageContaining("POST /")
			.withMessageContaining("not the expected JSON");

		assertThat(posts(gateway)).isEqualTo(1);
	}

	@Test
	void htmlErrorPageOn502IsRetriedThenApiExceptionWithShortenedBody() {
		String html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
				+ "<p>upstream</p>".repeat(100) + "</body></html>";
		LocalHubGateway gateway = start();
		String id = startedId(gateway);
		gateway.inject(
				InjectedFault.answer(GatewayOperation.GET_STATUS, 502, "text/html; charset=utf-8", html).times(ALWAYS));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client().api().getStatus(id))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(502);
				assertThat(ex.responseBody()).startsWith("<!DOCTYPE html>").endsWith("</html>");
				assertThat(ex.getMessage()).hasSizeLessThan(HubApiException.MESSAGE_EXCERPT_LENGTH + 100).endsWith("…");
				assertThat(ex.getCause()).isNull();
			});
		assertThat(statusPolls(gateway)).isEqualTo(4);
	}

	@Test
	void htmlErrorPageOnStartExecutionIsApiExceptionWithOnePost() {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.answer(GatewayOperation.START_EXECUTION, 500, "text/html",
				"<html><body><h1>Internal Server Error</h1>" + "x".repeat(2000) + "</body></html>"));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client().run(Map.of())).satisfies((ex) -> {
			assertThat(ex.statusCode()).isEqualTo(500);
			assertThat(ex.operation()).isEqualTo("POST /");
			assertThat(ex.responseBody()).startsWith("<html>").endsWith("</html>");
			assertThat(ex.getMessage()).hasSizeLessThan(HubApiException.MESSAGE_EXCERPT_LENGTH + 100);
		});
		assertThat(posts(gateway)).isEqualTo(1);
	}

	@Test
	void htmlPageWithStatus200IsATransportExceptionNotAParseCrash() {
		LocalHubGateway gateway = start();
		String id = startedId(gateway);
		gateway.inject(InjectedFault.answer(GatewayOperation.GET_STATUS, 200, "text/html",
				"<html><body>Please log in</body></html>"));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client().api().getStatus(id))
			.withMessageContaining("GET /{id}")
			.withMessageContaining("not the expected JSON");
		assertThat(statusPolls(gateway)).isEqualTo(1);
	}

	// --- 4xx
	// ------------------------------------------------------------------------------------------------

	@ParameterizedTest(name = "POST / answered {0}")
	@ValueSource(ints = { 400, 401, 403, 404, 409, 422 })
	void clientErrorOnStartExecutionIsApiExceptionWithExactlyOnePost(int status) {
		LocalHubGateway gateway = start();
		gateway
			.inject(InjectedFault.answer(GatewayOperation.START_EXECUTION, status, null, "{\"message\":\"rejected\"}"));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client().run(Map.of("shots", 1)))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(status);
				assertThat(ex.operation()).isEqualTo("POST /");
				assertThat(ex.responseBody()).isEqualTo("{\"message\":\"rejected\"}");
			});
		assertThat(posts(gateway)).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	@Test
	void tokenRevokedMidWaitIsRefetchedOnceAndTheWaitSucceeds() {
		// PENDING when started, RUNNING at the first poll (0.5 s), done from 1 s on
		LocalHubGateway gateway = LocalHubGateway.builder()
			.servicePath(LifecycleFixtures.BASE)
			.clock(this.vt)
			.timing(Duration.ofMillis(250), Duration.ofMillis(750))
			.accessKey(ACCESS_KEY_ID, SECRET)
			.start();
		this.gateway = gateway;
		// the first token is revoked while the client waits for the second poll: 401 for
		// it, the execution goes on for the next one
		AtomicInteger sleeps = new AtomicInteger();
		Sleeper revoking = (duration) -> Mono.defer(() -> {
			if (sleeps.incrementAndGet() == 2) {
				gateway.revokeTokens();
			}
			return this.vt.sleep(duration);
		});

		try (HubServiceClient keyed = HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.accessKeyId(ACCESS_KEY_ID)
			.secretAccessKey(SECRET)
			.tokenEndpoint(gateway.tokenEndpoint())
			.sleeper(revoking)
			.clock(this.vt)
			.transportRetry(LifecycleFixtures.NO_JITTER)
			.build()) {
			HubServiceExecution execution = keyed.run(Map.of());

			assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		}

		assertThat(gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(2);
		assertThat(gateway.issuedTokens()).hasSize(2);
		// the gateway records credentials redacted: which token each poll carried shows
		// in
		// the order of the calls and in the answers (the first token is valid until it is
		// revoked, so a 200 after the 401 was for the second one)
		assertThat(gateway.requests()).extracting(RecordedRequest::operation)
			.containsExactly(GatewayOperation.TOKEN, GatewayOperation.START_EXECUTION, GatewayOperation.GET_STATUS,
					GatewayOperation.GET_STATUS, GatewayOperation.TOKEN, GatewayOperation.GET_STATUS);
		assertThat(gateway.requests(GatewayOperation.GET_STATUS))
			.allSatisfy((request) -> assertThat(request.header("Authorization")).isNotNull());
		assertThat(gateway.answeredStatuses(GatewayOperation.GET_STATUS))
			.containsExactlyInAnyOrderEntriesOf(Map.of(200, 2L, 401, 1L));
		assertThat(posts(gateway)).isEqualTo(1);
		// the renewal itself waits for nothing: only the two poll delays
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@Test
	void forbiddenDuringAWaitEndsItAtOnce() {
		LocalHubGateway gateway = start(Duration.ofMillis(250), Duration.ofHours(1));
		gateway.inject(InjectedFault.none(GatewayOperation.GET_STATUS, 1))
			.inject(InjectedFault.answer(GatewayOperation.GET_STATUS, 403, null, "forbidden"));
		HubServiceExecution execution = client().run(Map.of());

		assertThatExceptionOfType(HubApiException.class).isThrownBy(execution::waitForFinalState)
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(403));

		assertThat(statusPolls(gateway)).isEqualTo(2);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@Test
	void unknownExecutionIdIsApiException404WithoutRetry() {
		LocalHubGateway gateway = start();

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client().getServiceExecution("no-such-id"))
			.satisfies((ex) -> {
				assertThat(ex.isNotFound()).isTrue();
				assertThat(ex.operation()).isEqualTo("GET /{id}");
			});
		assertThatExceptionOfType(HubApiException.class)
			.isThrownBy(() -> client().reactive()
				.getServiceExecution("no-such-id")
				.flatMap(ReactiveHubServiceExecution::result)
				.block())
			.satisfies((ex) -> assertThat(ex.isNotFound()).isTrue());

		assertThat(gateway.requests(GatewayOperation.GET_STATUS)).extracting(RecordedRequest::path)
			.containsExactly(LifecycleFixtures.BASE + "/no-such-id", LifecycleFixtures.BASE + "/no-such-id");
		assertThat(gateway.answeredStatuses(GatewayOperation.GET_STATUS)).containsExactly(Map.entry(404, 2L));
		assertThat(this.vt.sleeps()).isEmpty();
	}

	// --- 429
	// ------------------------------------------------------------------------------------------------

	@Test
	void tooManyRequestsWithoutRetryAfterIsRetriedWithBackoffThenApiException() {
		LocalHubGateway gateway = start();
		String id = startedId(gateway);
		gateway.inject(InjectedFault.answer(GatewayOperation.GET_STATUS, 429, null, "slow down").times(ALWAYS));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client().api().getStatus(id))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(429);
				assertThat(ex.retryAfter()).isEmpty();
			});

		assertThat(statusPolls(gateway)).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void tooManyRequestsWithRetryAfterHttpDateWaitsUntilThatDateThenSucceeds() {
		LocalHubGateway gateway = start();
		String id = startedId(gateway);
		String date = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(this.vt.instant().plusSeconds(4).atZone(ZoneOffset.UTC));
		gateway.inject(InjectedFault.status(GatewayOperation.GET_STATUS, 429, date, 1));

		assertThat(client().api().getStatus(id).status()).isEqualTo(ServiceExecutionStatus.RUNNING);

		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(4));
		assertThat(statusPolls(gateway)).isEqualTo(2);
	}

	@Test
	void tooManyRequestsWithAnUnreadableRetryAfterFallsBackToTheBackoff() {
		LocalHubGateway gateway = start();
		String id = startedId(gateway);
		gateway.inject(InjectedFault.status(GatewayOperation.GET_STATUS, 429, "soon", 1));

		assertThat(client().api().getStatus(id).status()).isEqualTo(ServiceExecutionStatus.RUNNING);

		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@ParameterizedTest(name = "Retry-After: {0}")
	@ValueSource(strings = { "", "7", "Thu, 01 Jan 2026 00:00:07 GMT" })
	void tooManyRequestsOnStartExecutionIsNotRetriedAndCarriesRetryAfter(String retryAfter) {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.answer(GatewayOperation.START_EXECUTION, 429, null, "rate limited")
			.withRetryAfter(retryAfter.isEmpty() ? null : retryAfter));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client().run(Map.of())).satisfies((ex) -> {
			assertThat(ex.statusCode()).isEqualTo(429);
			if (retryAfter.isEmpty()) {
				assertThat(ex.retryAfter()).isEmpty();
			}
			else {
				assertThat(ex.retryAfter()).contains(Duration.ofSeconds(7));
			}
		});
		assertThat(posts(gateway)).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	// --- 5xx bursts
	// -------------------------------------------------------------------------------------------

	@ParameterizedTest(name = "status GET answered {0} three times")
	@ValueSource(ints = { 502, 503, 504 })
	void burstOfThreeGatewayErrorsOnGetIsRetriedAndSucceeds(int status) {
		LocalHubGateway gateway = start();
		String id = startedId(gateway);
		gateway.inject(InjectedFault.answer(GatewayOperation.GET_STATUS, status, null, "").times(3));

		assertThat(client().api().getStatus(id).status()).isEqualTo(ServiceExecutionStatus.RUNNING);

		assertThat(statusPolls(gateway)).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void burstOf500OnResultIsRetriedByTheResultRetryAndSucceeds() {
		// 500 is not retried by the transport (it may be a bug, not an outage), but the
		// result fetch retries 5xx
		LocalHubGateway gateway = start(Duration.ZERO, Duration.ZERO);
		gateway.inject(InjectedFault.answer(GatewayOperation.GET_RESULT, 500, null, "").times(2));
		HubServiceExecution execution = client().run(Map.of());

		assertThat(execution.result().properties()).containsEntry("sum", 42);

		assertThat(resultRequests(gateway)).isEqualTo(3);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

	@Test
	void burstOf5xxDuringAWaitIsRiddenOut() {
		// PENDING when started, RUNNING at the first poll (0.5 s), done from 1 s on
		LocalHubGateway gateway = start(Duration.ofMillis(250), Duration.ofMillis(750));
		gateway.inject(InjectedFault.none(GatewayOperation.GET_STATUS, 1))
			.inject(InjectedFault.answer(GatewayOperation.GET_STATUS, 500, null, ""))
			.inject(InjectedFault.answer(GatewayOperation.GET_STATUS, 502, null, "").times(4))
			.inject(InjectedFault.answer(GatewayOperation.GET_STATUS, 504, null, ""));
		HubServiceExecution execution = client().run(Map.of());

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);

		assertThat(statusPolls(gateway)).isEqualTo(8);
		assertThat(posts(gateway)).isEqualTo(1);
	}

	@ParameterizedTest(name = "POST / answered {0}")
	@ValueSource(ints = { 500, 502, 503, 504 })
	void serverErrorOnStartExecutionIsApiExceptionWithExactlyOnePost(int status) {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.answer(GatewayOperation.START_EXECUTION, status, null, "down"));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client().run(Map.of("shots", 1)))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(status);
				assertThat(ex.isServerError()).isTrue();
			});
		assertThat(posts(gateway)).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	// --- slow answers
	// -------------------------------------------------------------------------------------------

	@Test
	void getSlowerThanTheReadTimeoutEveryTimeEndsInTransportExceptionAfterFourAttempts() {
		LocalHubGateway gateway = start();
		String id = startedId(gateway);
		gateway.inject(InjectedFault.latency(GatewayOperation.GET_STATUS, Duration.ofSeconds(3), ALWAYS));

		try (HubServiceClient slow = anonymous(gateway).readTimeout(Duration.ofMillis(200)).build()) {
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> slow.api().getStatus(id))
				.withMessageContaining("GET /{id}")
				.withMessageContaining("Timeout");
		}

		assertThat(statusPolls(gateway)).isEqualTo(4);
	}

	// --- odd but well-formed answers
	// -----------------------------------------------------------------------------

	@Test
	void unknownStatusValueKeepsAWaitPollingUntilItsDeadline() {
		LocalHubGateway gateway = start(Duration.ofHours(1), Duration.ofHours(1));
		gateway.inject(InjectedFault.rawField(GatewayOperation.GET_STATUS, "status", "\"ARCHIVED\"").times(ALWAYS));
		HubServiceExecution execution = client().run(Map.of());

		assertThatExceptionOfType(ExecutionTimeoutException.class)
			.isThrownBy(() -> execution.waitForFinalState(Duration.ofSeconds(20)))
			.satisfies((ex) -> assertThat(ex.lastExecution().status()).isEqualTo(ServiceExecutionStatus.UNKNOWN));

		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.UNKNOWN);
		// 0.5 + 1 + 2 + 4 + 5 + 5 = 17.5 s, the last poll 1 s before the 20 s deadline,
		// then the deadline
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5),
				Duration.ofMillis(1500), Duration.ofSeconds(1));
	}

	@ParameterizedTest(name = "result {0}")
	@ValueSource(strings = { "{\"sum\":42}", "{\"sum\":42,\"_links\":null}", "{\"sum\":42,\"_links\":\"oops\"}",
			"{\"sum\":42,\"_links\":[1,2]}" })
	void resultWithMissingOrMalformedLinksHasNoFilesButKeepsItsOutput(String body) {
		LocalHubGateway gateway = start(Duration.ZERO, Duration.ZERO);
		gateway.inject(InjectedFault.answer(GatewayOperation.GET_RESULT, 200, JSON, body).times(ALWAYS));
		HubServiceExecution execution = client().run(Map.of());

		assertThat(execution.resultFiles()).isEmpty();
		assertThat(execution.result().properties()).containsExactly(Map.entry("sum", 42));
		assertThat(resultRequests(gateway)).isEqualTo(1);
	}

	@Test
	void logListOf100000EntriesIsReadCompletelyAndInOrder() {
		int size = 100_000;
		StringBuilder body = new StringBuilder(size * 80).append('[');
		for (int i = 0; i < size; i++) {
			if (i > 0) {
				body.append(',');
			}
			body.append("{\"message\":\"line ")
				.append(i)
				.append("\",\"severity\":\"")
				.append((i % 2 == 0) ? "INFO" : "DEBUG")
				.append("\",\"timestamp\":\"2025-10-10T08:23:26Z\"}");
		}
		body.append(']');
		LocalHubGateway gateway = start(Duration.ZERO, Duration.ZERO);
		gateway.inject(InjectedFault.answer(GatewayOperation.GET_LOGS, 200, JSON, body.toString()));

		List<LogEntry> logs = client().run(Map.of()).logs();

		assertThat(logs).hasSize(size);
		for (int i = 0; i < size; i++) {
			assertThat(logs.get(i).message()).isEqualTo("line " + i);
		}
		assertThat(logs.get(size - 1).severity()).isEqualTo(LogEntrySeverity.DEBUG);
	}

}
