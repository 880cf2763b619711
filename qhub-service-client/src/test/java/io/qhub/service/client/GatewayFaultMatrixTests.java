package io.qhub.service.client;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.LogEntrySeverity;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The gateway half of the fault matrix (README "Failure behaviour"): for each fault,
 * either success after a safe retry or one specific {@link HubClientException} subtype,
 * never a hang and never a second {@code POST /}. Retries wait on {@link VirtualTime}, so
 * no test sleeps; the class-wide {@link Timeout} is only a hang guard.
 * <p>
 * Cases already pinned elsewhere and not repeated here: 400/403/404/409/500 on {@code GET
 * /{id}} and 409 on every operation ({@link ServiceApiClientErrorTests}), malformed JSON
 * on every {@code GET}/{@code PUT} and an empty 200 body
 * ({@link ServiceApiClientErrorTests}), a single 503/504/reset then success,
 * {@code Retry-After} in seconds and as an HTTP date on a 503, a read timeout on
 * {@code GET} and {@code POST}, a reset on {@code POST} ({@link TransportRetryTests}),
 * 404 and 5xx during a wait ({@link HubServiceExecutionLifecycleTests}), an unknown
 * status value ({@link GatewayJsonTests}) and a result without links
 * ({@link ServiceApiClientWireTests}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayFaultMatrixTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private static final String ROOT = LifecycleFixtures.BASE + "/";

	private final VirtualTime vt = new VirtualTime();

	private HubServiceClient client;

	@BeforeEach
	void setUp() {
		this.client = LifecycleFixtures.anonymous(wm, this.vt).build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	private static int posts() {
		return LifecycleFixtures.count(wm, postRequestedFor(urlPathEqualTo(ROOT)));
	}

	private static void stubPost(ResponseDefinitionBuilder response) {
		wm.stubFor(post(urlPathEqualTo(ROOT)).willReturn(response));
	}

	// --- connection refused
	// -------------------------------------------------------------------------------

	@Test
	void connectionRefusedOnGetIsRetriedFourTimesThenTransportException() {
		try (HubServiceClient refused = LifecycleFixtures.anonymous(wm, this.vt)
			.serviceEndpoint("http://localhost:" + WireMockGateway.closedPort() + LifecycleFixtures.BASE)
			.build()) {
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
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));

		assertThat(this.client.api().getStatus(LifecycleFixtures.ID).status())
			.isEqualTo(ServiceExecutionStatus.RUNNING);

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(2);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void resetMidBodyOnEveryAttemptIsATransportExceptionNamingTheOperation() {
		wm.stubFor(get(urlEqualTo(LifecycleFixtures.STATUS_PATH))
			.willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> this.client.api().getStatus(LifecycleFixtures.ID))
			.withMessageContaining("GET /{id}")
			.withMessageContaining("prematurely closed")
			.satisfies((ex) -> assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT));

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(4);
	}

	@Test
	void resetMidBodyDuringAWaitAndOnTheResultIsRiddenOut() {
		stubPost(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING")));
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH,
				aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
				LifecycleFixtures.json(LifecycleFixtures.result("out.txt")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(execution.resultFiles()).containsExactly("out.txt");

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(3);
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(2);
		assertThat(posts()).isEqualTo(1);
		// polls after 0.5, 1 and 2 s; the result retry waits 1 s
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(1));
	}

	@Test
	void persistentResetMidResponseOnGetEndsInTransportExceptionAfterFourAttempts() {
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.STATUS_PATH))
			.willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> this.client.api().getStatus(LifecycleFixtures.ID))
			.withMessageContaining("GET /{id}");

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(4);
	}

	@Test
	void resetMidResponseOnStartExecutionIsNotRetried() {
		stubPost(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withFault(Fault.MALFORMED_RESPONSE_CHUNK));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> this.client.run(Map.of("shots", 1)))
			.withMessageContaining("POST /");

		assertThat(posts()).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	// --- empty body, malformed JSON, HTML
	// -----------------------------------------------------------------------

	@Test
	void emptyBodyOnStartExecutionIsATransportExceptionAndNotRetried() {
		stubPost(aResponse().withStatus(201).withHeader("Content-Type", "application/json"));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> this.client.run(Map.of()))
			.withMessageContaining("POST /")
			.withMessageContaining("empty body");

		assertThat(posts()).isEqualTo(1);
	}

	@Test
	void malformedJsonOnStartExecutionIsATransportExceptionAndNotRetried() {
		stubPost(LifecycleFixtures.created("{\"id\": \"" + LifecycleFixtures.ID + "\", \"status\": "));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> this.client.run(Map.of()))
			.withMessageContaining("POST /")
			.withMessageContaining("not the expected JSON");

		assertThat(posts()).isEqualTo(1);
	}

	@Test
	void htmlErrorPageOn502IsRetriedThenApiExceptionWithShortenedBody() {
		String html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
				+ "<p>upstream</p>".repeat(100) + "</body></html>";
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.STATUS_PATH)).willReturn(
				aResponse().withStatus(502).withHeader("Content-Type", "text/html; charset=utf-8").withBody(html)));

		assertThatExceptionOfType(HubApiException.class)
			.isThrownBy(() -> this.client.api().getStatus(LifecycleFixtures.ID))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(502);
				assertThat(ex.responseBody()).startsWith("<!DOCTYPE html>").endsWith("</html>");
				assertThat(ex.getMessage()).hasSizeLessThan(HubApiException.MESSAGE_EXCERPT_LENGTH + 100).endsWith("…");
				assertThat(ex.getCause()).isNull();
			});
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(4);
	}

	@Test
	void htmlErrorPageOnStartExecutionIsApiExceptionWithOnePost() {
		stubPost(aResponse().withStatus(500)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body><h1>Internal Server Error</h1>" + "x".repeat(2000) + "</body></html>"));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> this.client.run(Map.of())).satisfies((ex) -> {
			assertThat(ex.statusCode()).isEqualTo(500);
			assertThat(ex.operation()).isEqualTo("POST /");
			assertThat(ex.responseBody()).startsWith("<html>").endsWith("</html>");
			assertThat(ex.getMessage()).hasSizeLessThan(HubApiException.MESSAGE_EXCERPT_LENGTH + 100);
		});
		assertThat(posts()).isEqualTo(1);
	}

	@Test
	void htmlPageWithStatus200IsATransportExceptionNotAParseCrash() {
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.STATUS_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>Please log in</body></html>")));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> this.client.api().getStatus(LifecycleFixtures.ID))
			.withMessageContaining("GET /{id}")
			.withMessageContaining("not the expected JSON");
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(1);
	}

	// --- 4xx
	// ------------------------------------------------------------------------------------------------

	@ParameterizedTest(name = "POST / answered {0}")
	@ValueSource(ints = { 400, 401, 403, 404, 409, 422 })
	void clientErrorOnStartExecutionIsApiExceptionWithExactlyOnePost(int status) {
		stubPost(aResponse().withStatus(status).withBody("{\"message\":\"rejected\"}"));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> this.client.run(Map.of("shots", 1)))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(status);
				assertThat(ex.operation()).isEqualTo("POST /");
				assertThat(ex.responseBody()).isEqualTo("{\"message\":\"rejected\"}");
			});
		assertThat(posts()).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	@Test
	void tokenRevokedMidWaitIsRefetchedOnceAndTheWaitSucceeds() {
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(WireMockGateway.tokenJson("t1")))
			.willSetStateTo("second"));
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(okJson(WireMockGateway.tokenJson("t2"))));
		stubPost(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING")));
		// first poll RUNNING; then t1 is revoked: 401 for t1, the state goes on for t2
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.STATUS_PATH)).inScenario("revoke")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")))
			.willSetStateTo("revoked"));
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.STATUS_PATH)).inScenario("revoke")
			.whenScenarioStateIs("revoked")
			.withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_token\"}")));
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.STATUS_PATH)).inScenario("revoke")
			.whenScenarioStateIs("revoked")
			.withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED"))));

		try (HubServiceClient keyed = WireMockGateway.withKeys(wm, this.vt)
			.clock(this.vt)
			.transportRetry(LifecycleFixtures.NO_JITTER)
			.serviceEndpoint(wm.baseUrl() + LifecycleFixtures.BASE)
			.build()) {
			HubServiceExecution execution = keyed.run(Map.of());

			assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		}

		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(2);
		assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(LifecycleFixtures.STATUS_PATH))))
			.extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer t1", "Bearer t1", "Bearer t2");
		assertThat(posts()).isEqualTo(1);
		// the renewal itself waits for nothing: only the two poll delays
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@Test
	void forbiddenDuringAWaitEndsItAtOnce() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				aResponse().withStatus(403).withBody("forbidden"));
		stubPost(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThatExceptionOfType(HubApiException.class).isThrownBy(execution::waitForFinalState)
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(403));

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(2);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@Test
	void unknownExecutionIdIsApiException404WithoutRetry() {
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.BASE + "/no-such-id"))
			.willReturn(aResponse().withStatus(404).withBody("{\"error\":\"execution not found\"}")));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> this.client.getServiceExecution("no-such-id"))
			.satisfies((ex) -> {
				assertThat(ex.isNotFound()).isTrue();
				assertThat(ex.operation()).isEqualTo("GET /{id}");
			});
		assertThatExceptionOfType(HubApiException.class)
			.isThrownBy(() -> this.client.reactive()
				.getServiceExecution("no-such-id")
				.flatMap(ReactiveHubServiceExecution::result)
				.block())
			.satisfies((ex) -> assertThat(ex.isNotFound()).isTrue());

		assertThat(LifecycleFixtures.count(wm, getRequestedFor(urlPathEqualTo(LifecycleFixtures.BASE + "/no-such-id"))))
			.isEqualTo(2);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	// --- 429
	// ------------------------------------------------------------------------------------------------

	@Test
	void tooManyRequestsWithoutRetryAfterIsRetriedWithBackoffThenApiException() {
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.STATUS_PATH))
			.willReturn(aResponse().withStatus(429).withBody("slow down")));

		assertThatExceptionOfType(HubApiException.class)
			.isThrownBy(() -> this.client.api().getStatus(LifecycleFixtures.ID))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(429);
				assertThat(ex.retryAfter()).isEmpty();
			});

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void tooManyRequestsWithRetryAfterHttpDateWaitsUntilThatDateThenSucceeds() {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(this.vt.instant().plusSeconds(4).atZone(ZoneOffset.UTC));
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				aResponse().withStatus(429).withHeader("Retry-After", date),
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));

		assertThat(this.client.api().getStatus(LifecycleFixtures.ID).status())
			.isEqualTo(ServiceExecutionStatus.RUNNING);

		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(4));
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(2);
	}

	@Test
	void tooManyRequestsWithAnUnreadableRetryAfterFallsBackToTheBackoff() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				aResponse().withStatus(429).withHeader("Retry-After", "soon"),
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));

		assertThat(this.client.api().getStatus(LifecycleFixtures.ID).status())
			.isEqualTo(ServiceExecutionStatus.RUNNING);

		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@ParameterizedTest(name = "Retry-After: {0}")
	@ValueSource(strings = { "", "7", "Thu, 01 Jan 2026 00:00:07 GMT" })
	void tooManyRequestsOnStartExecutionIsNotRetriedAndCarriesRetryAfter(String retryAfter) {
		ResponseDefinitionBuilder response = aResponse().withStatus(429).withBody("rate limited");
		stubPost(retryAfter.isEmpty() ? response : response.withHeader("Retry-After", retryAfter));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> this.client.run(Map.of())).satisfies((ex) -> {
			assertThat(ex.statusCode()).isEqualTo(429);
			if (retryAfter.isEmpty()) {
				assertThat(ex.retryAfter()).isEmpty();
			}
			else {
				assertThat(ex.retryAfter()).contains(Duration.ofSeconds(7));
			}
		});
		assertThat(posts()).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	// --- 5xx bursts
	// -------------------------------------------------------------------------------------------

	@ParameterizedTest(name = "status GET answered {0} three times")
	@ValueSource(ints = { 502, 503, 504 })
	void burstOfThreeGatewayErrorsOnGetIsRetriedAndSucceeds(int status) {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH, aResponse().withStatus(status),
				aResponse().withStatus(status), aResponse().withStatus(status),
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));

		assertThat(this.client.api().getStatus(LifecycleFixtures.ID).status())
			.isEqualTo(ServiceExecutionStatus.RUNNING);

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void burstOf500OnResultIsRetriedByTheResultRetryAndSucceeds() {
		// 500 is not retried by the transport (it may be a bug, not an outage), but the
		// result fetch retries 5xx
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH, aResponse().withStatus(500),
				aResponse().withStatus(500), LifecycleFixtures.json(LifecycleFixtures.result()));
		stubPost(LifecycleFixtures.created(LifecycleFixtures.execution("SUCCEEDED")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThat(execution.result().properties()).containsEntry("sum", 42);

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(3);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

	@Test
	void burstOf5xxDuringAWaitIsRiddenOut() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")), aResponse().withStatus(500),
				aResponse().withStatus(502), aResponse().withStatus(502), aResponse().withStatus(502),
				aResponse().withStatus(502), aResponse().withStatus(504),
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		stubPost(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(8);
		assertThat(posts()).isEqualTo(1);
	}

	@ParameterizedTest(name = "POST / answered {0}")
	@ValueSource(ints = { 500, 502, 503, 504 })
	void serverErrorOnStartExecutionIsApiExceptionWithExactlyOnePost(int status) {
		stubPost(aResponse().withStatus(status).withBody("down"));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> this.client.run(Map.of("shots", 1)))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(status);
				assertThat(ex.isServerError()).isTrue();
			});
		assertThat(posts()).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	// --- slow answers
	// -------------------------------------------------------------------------------------------

	@Test
	void getSlowerThanTheReadTimeoutEveryTimeEndsInTransportExceptionAfterFourAttempts() {
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.STATUS_PATH))
			.willReturn(LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")).withFixedDelay(3_000)));

		try (HubServiceClient slow = LifecycleFixtures.anonymous(wm, this.vt)
			.readTimeout(Duration.ofMillis(200))
			.build()) {
			assertThatExceptionOfType(HubTransportException.class)
				.isThrownBy(() -> slow.api().getStatus(LifecycleFixtures.ID))
				.withMessageContaining("GET /{id}")
				.withMessageContaining("Timeout");
		}

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(4);
	}

	// --- odd but well-formed answers
	// -----------------------------------------------------------------------------

	@Test
	void unknownStatusValueKeepsAWaitPollingUntilItsDeadline() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json("{\"id\":\"" + LifecycleFixtures.ID + "\",\"status\":\"ARCHIVED\"}"));
		stubPost(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING")));
		HubServiceExecution execution = this.client.run(Map.of());

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
		stubPost(LifecycleFixtures.created(LifecycleFixtures.execution("SUCCEEDED")));
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.RESULT_PATH)).willReturn(LifecycleFixtures.json(body)));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThat(execution.resultFiles()).isEmpty();
		assertThat(execution.result().properties()).containsExactly(Map.entry("sum", 42));
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(1);
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
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.STATUS_PATH + "/log"))
			.willReturn(LifecycleFixtures.json(body.toString())));
		stubPost(LifecycleFixtures.created(LifecycleFixtures.execution("SUCCEEDED")));

		List<LogEntry> logs = this.client.run(Map.of()).logs();

		assertThat(logs).hasSize(size);
		for (int i = 0; i < size; i++) {
			assertThat(logs.get(i).message()).isEqualTo("line " + i);
		}
		assertThat(logs.get(size - 1).severity()).isEqualTo(LogEntrySeverity.DEBUG);
	}

}
