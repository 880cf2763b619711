package io.qhub.service.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.TransportRetryPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which failures the transport retries, how often and how long it waits, using a
 * recording sleeper.
 */
class TransportRetryTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private static final String BASE = WireMockGateway.SERVICE_PATH;

	private static final String STATUS = BASE + "/e1";

	private static final String RUNNING = "{\"id\":\"e1\",\"status\":\"RUNNING\"}";

	private final VirtualTime sleeper = new VirtualTime();

	@BeforeEach
	void stubToken() {
		WireMockGateway.stubToken(wm, "t1");
	}

	@Test
	void getIsRetriedAfter503() {
		failOnceThen(() -> get(urlEqualTo(STATUS)), aResponse().withStatus(503), okJson(RUNNING));

		try (HubServiceClient client = client()) {
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		}

		wm.verify(2, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);
	}

	@Test
	void getIsRetriedAfter504AndAConnectionReset() {
		wm.stubFor(get(urlEqualTo(STATUS)).inScenario("s")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(504))
			.willSetStateTo("reset"));
		wm.stubFor(get(urlEqualTo(STATUS)).inScenario("s")
			.whenScenarioStateIs("reset")
			.willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("ok"));
		wm.stubFor(get(urlEqualTo(STATUS)).inScenario("s").whenScenarioStateIs("ok").willReturn(okJson(RUNNING)));

		try (HubServiceClient client = client()) {
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		}

		wm.verify(3, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@Test
	void postIsNotRetriedAfter503() {
		wm.stubFor(post(urlEqualTo(BASE + "/")).willReturn(aResponse().withStatus(503).withBody("busy")));

		try (HubServiceClient client = client()) {
			assertThatExceptionOfType(HubApiException.class)
				.isThrownBy(() -> client.api().startExecution(Map.of("shots", 1)))
				.satisfies((ex) -> {
					assertThat(ex.statusCode()).isEqualTo(503);
					assertThat(ex.operation()).isEqualTo("POST /");
				});
		}

		wm.verify(1, postRequestedFor(urlEqualTo(BASE + "/")));
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@Test
	void postIsNotRetriedAfterAConnectionResetOnceSent() {
		wm.stubFor(post(urlEqualTo(BASE + "/"))
			.willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

		try (HubServiceClient client = client()) {
			assertThatExceptionOfType(HubTransportException.class)
				.isThrownBy(() -> client.api().startExecution(Map.of("shots", 1)))
				.withMessageContaining("POST /");
		}

		wm.verify(1, postRequestedFor(urlEqualTo(BASE + "/")));
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@Test
	void postIsRetriedWhenTheConnectionIsRefused() {
		String endpoint = "http://localhost:" + WireMockGateway.closedPort() + BASE;
		try (HubServiceClient client = WireMockGateway.anonymous(endpoint, this.sleeper).build()) {
			assertThatExceptionOfType(HubTransportException.class)
				.isThrownBy(() -> client.api().startExecution(Map.of("shots", 1)))
				.withMessageContaining("POST /");
		}

		// maxAttempts = 4 connection attempts, with the backoff between them
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void getIsRetriedAfterAReadTimeout() {
		failOnceThen(() -> get(urlEqualTo(STATUS)), okJson(RUNNING).withFixedDelay(5_000), okJson(RUNNING));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper)
			.readTimeout(Duration.ofMillis(300))
			.build()) {
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		}

		wm.verify(2, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void postIsNotRetriedAfterAReadTimeout() {
		wm.stubFor(post(urlEqualTo(BASE + "/")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody(RUNNING)
			.withFixedDelay(5_000)));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper)
			.readTimeout(Duration.ofMillis(300))
			.build()) {
			assertThatExceptionOfType(HubTransportException.class)
				.isThrownBy(() -> client.api().startExecution(Map.of("shots", 1)))
				.withMessageContaining("POST /");
		}

		wm.verify(1, postRequestedFor(urlEqualTo(BASE + "/")));
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@Test
	void retryAfterSecondsIsUsedAsTheDelay() {
		failOnceThen(() -> get(urlEqualTo(STATUS)), aResponse().withStatus(429).withHeader("Retry-After", "3"),
				okJson(RUNNING));

		try (HubServiceClient client = client()) {
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		}

		wm.verify(2, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void retryAfterHttpDateIsMeasuredFromTheInjectedClock() {
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(7).atZone(ZoneOffset.UTC));
		failOnceThen(() -> get(urlEqualTo(STATUS)), aResponse().withStatus(503).withHeader("Retry-After", date),
				okJson(RUNNING));

		try (HubServiceClient client = client(new VirtualTime(now))) {
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		}

		assertThat(date).isEqualTo("Thu, 1 Jan 2026 00:00:07 GMT");
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
	}

	@Test
	void retryAfterIsCappedAtMaxBackoff() {
		failOnceThen(() -> get(urlEqualTo(STATUS)), aResponse().withStatus(429).withHeader("Retry-After", "20"),
				okJson(RUNNING));

		try (HubServiceClient client = client()) {
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		}

		// TransportRetryPolicy: "the server's Retry-After when present (capped at
		// maxBackoff)"
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofSeconds(8));
	}

	@Test
	void retryAfterOnTheLastFailureIsKeptOnTheException() {
		wm.stubFor(get(urlEqualTo(STATUS))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("slow down")));

		try (HubServiceClient client = client()) {
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.satisfies((ex) -> {
					assertThat(ex.statusCode()).isEqualTo(429);
					assertThat(ex.retryAfter()).contains(Duration.ofSeconds(2));
					assertThat(ex.responseBody()).isEqualTo("slow down");
				});
		}

		wm.verify(4, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2),
				Duration.ofSeconds(2));
	}

	@Test
	void afterMaxAttemptsTheLast503Surfaces() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(503).withBody("still down")));

		try (HubServiceClient client = client()) {
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.satisfies((ex) -> {
					assertThat(ex.statusCode()).isEqualTo(503);
					assertThat(ex.responseBody()).isEqualTo("still down");
					assertThat(ex.operation()).isEqualTo("GET /{id}");
				});
		}

		wm.verify(4, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void backoffDoublesUpToMaxBackoff() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(502)));
		TransportRetryPolicy policy = new TransportRetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5), 0.0);

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).transportRetry(policy).build()) {
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"));
		}

		wm.verify(6, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
	}

	@Test
	void noRetryStartsPastTheCallTimeout() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(503)));
		VirtualTime clock = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));
		VirtualTime advancing = clock;
		TransportRetryPolicy policy = new TransportRetryPolicy(10, Duration.ofSeconds(4), Duration.ofSeconds(8), 0.0);

		try (HubServiceClient client = WireMockGateway.withKeys(wm, advancing)
			.clock(clock)
			.transportRetry(policy)
			.callTimeout(Duration.ofSeconds(15))
			.build()) {
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503));
		}

		// 4 s (elapsed 4 s), 8 s (elapsed 12 s); another 8 s would end past 15 s
		wm.verify(3, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(advancing.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8));
	}

	@Test
	void jitterSpreadsTheDelayWithinBounds() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(503)));
		TransportRetryPolicy policy = new TransportRetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(8), 0.5);

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).transportRetry(policy).build()) {
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"));
		}

		assertThat(this.sleeper.sleeps()).hasSize(3);
		assertThat(this.sleeper.sleeps().get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
		assertThat(this.sleeper.sleeps().get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
		assertThat(this.sleeper.sleeps().get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
	}

	@Test
	void cancelIsRetriedAfter502() {
		failOnceThen(() -> put(urlEqualTo(STATUS + "/cancel")), aResponse().withStatus(502),
				okJson("{\"id\":\"e1\",\"status\":\"CANCELLED\"}"));

		try (HubServiceClient client = client()) {
			assertThat(client.api().cancelExecution("e1").status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		}

		wm.verify(2, putRequestedFor(urlEqualTo(STATUS + "/cancel")));
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void get500IsTransientAndRetriedLikeEvery5xx() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(500).withBody("bug")));

		try (HubServiceClient client = client()) {
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.satisfies((ex) -> {
					assertThat(ex.statusCode()).isEqualTo(500);
					assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT);
				});
		}

		wm.verify(4, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(this.sleeper.sleeps()).hasSize(3);
	}

	@Test
	void get404IsPermanentAndSentOnce() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(404).withBody("no such execution")));

		try (HubServiceClient client = client()) {
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.satisfies((ex) -> assertThat(ex.failureKind()).isEqualTo(FailureKind.PERMANENT));
		}

		wm.verify(1, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@Test
	void resultFileDownloadIsRetriedAfter503() throws Exception {
		failOnceThen(() -> get(urlEqualTo(STATUS + "/result/out.bin")), aResponse().withStatus(503),
				aResponse().withStatus(200).withBody(new byte[] { 9, 8, 7 }));

		try (HubServiceClient client = client(); var stream = client.api().getResultFile("e1", "out.bin")) {
			assertThat(stream.readAllBytes()).containsExactly(9, 8, 7);
		}

		wm.verify(2, getRequestedFor(urlEqualTo(STATUS + "/result/out.bin")));
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void policyNoneDisablesRetries() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(503)));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper)
			.transportRetry(TransportRetryPolicy.NONE)
			.build()) {
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"));
		}

		wm.verify(1, getRequestedFor(urlEqualTo(STATUS)));
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	private HubServiceClient client() {
		return WireMockGateway.withKeys(wm, this.sleeper).build();
	}

	private HubServiceClient client(VirtualTime clock) {
		return WireMockGateway.withKeys(wm, this.sleeper).clock(clock).build();
	}

	private static void failOnceThen(Supplier<MappingBuilder> request, ResponseDefinitionBuilder failure,
			ResponseDefinitionBuilder success) {
		wm.stubFor(request.get()
			.inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("recovered"));
		wm.stubFor(request.get().inScenario("retry").whenScenarioStateIs("recovered").willReturn(success));
	}

}
