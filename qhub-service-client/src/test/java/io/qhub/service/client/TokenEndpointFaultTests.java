package io.qhub.service.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.core.HubTransportException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token-endpoint half of the fault matrix: every failure to get a gateway token is
 * one {@link HubTokenException} that names the endpoint and, when sent, the OAuth2 error
 * code — never the secret — and is raised before any gateway call, after exactly one
 * token request (token requests are not retried; a failed one is not cached, so the next
 * call asks again). Already covered elsewhere: 401 {@code invalid_client} with a
 * description, 503, a refused connection ({@link TokenWireTests},
 * {@link ServiceApiClientErrorTests}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenEndpointFaultTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private static final String STATUS_PATH = WireMockGateway.SERVICE_PATH + "/e1";

	private static final String RUNNING = "{\"id\":\"e1\",\"status\":\"RUNNING\"}";

	private final VirtualTime sleeper = new VirtualTime();

	@BeforeEach
	void stubGateway() {
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson(RUNNING)));
	}

	private static void stubTokenEndpoint(ResponseDefinitionBuilder response) {
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).willReturn(response));
	}

	private HubServiceClient client() {
		return WireMockGateway.withKeys(wm, this.sleeper).build();
	}

	private static HubTokenException tokenFailure(HubServiceClient client) {
		return org.assertj.core.api.Assertions.catchThrowableOfType(HubTokenException.class,
				() -> client.api().getStatus("e1"));
	}

	private static HubTransportException unreachableTokenEndpoint(HubServiceClient client) {
		HubTransportException ex = org.assertj.core.api.Assertions.catchThrowableOfType(HubTransportException.class,
				() -> client.api().getStatus("e1"));
		assertThat(ex).isNotNull();
		assertThat(ex.operation()).isEqualTo("POST /token");
		assertThat(ex.getMessage()).contains(wm.baseUrl() + WireMockGateway.TOKEN_PATH);
		return ex;
	}

	private static void assertNoSecretAndNoGatewayCall(HubTokenException ex) {
		assertThat(ex).isNotNull();
		assertThat(ex.tokenEndpoint()).isEqualTo(wm.baseUrl() + WireMockGateway.TOKEN_PATH);
		assertNoSecretAndNoGatewayCall((Throwable) ex);
	}

	private static void assertNoSecretAndNoGatewayCall(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			assertThat(String.valueOf(current.getMessage())).doesNotContain(WireMockGateway.SECRET)
				.doesNotContain("s3cr");
		}
		wm.verify(0, getRequestedFor(anyUrl()));
	}

	@Test
	void invalidClientWith400IsTokenExceptionWithTheErrorCode() {
		stubTokenEndpoint(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}"));

		try (HubServiceClient client = client()) {
			HubTokenException ex = tokenFailure(client);

			assertNoSecretAndNoGatewayCall(ex);
			assertThat(ex.errorCode()).contains("invalid_client");
			assertThat(ex.getMessage()).contains("invalid_client").contains("HTTP 400");
		}
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@Test
	void unauthorizedWithoutABodyIsTokenExceptionNamingTheStatus() {
		stubTokenEndpoint(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"qhub\""));

		try (HubServiceClient client = client()) {
			HubTokenException ex = tokenFailure(client);

			assertNoSecretAndNoGatewayCall(ex);
			assertThat(ex.errorCode()).contains("invalid_token_response");
			assertThat(ex.getMessage()).contains("HTTP 401");
		}
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);
	}

	@Test
	void serverErrorIsRetriedThenTokenExceptionAndTheNextCallAsksAgain() {
		stubTokenEndpoint(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"internal error\"}"));

		try (HubServiceClient client = client()) {
			HubTokenException ex = tokenFailure(client);

			assertNoSecretAndNoGatewayCall(ex);
			assertThat(ex.errorCode()).contains("invalid_token_response");
			assertThat(ex.statusCode()).isEqualTo(500);
			assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT);
			assertThat(ex.getMessage()).contains("HTTP 500");
			// a 5xx is transient: the token request is retried like a read, 4 attempts
			assertThat(WireMockGateway.tokenRequests(wm)).hasSize(4);

			// the failure is not cached: once the endpoint recovers, the next call
			// succeeds
			WireMockGateway.stubToken(wm, "t1");
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		}
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(5);
		wm.verify(1, getRequestedFor(urlEqualTo(STATUS_PATH)).withHeader("Authorization", equalTo("Bearer t1")));
	}

	@Test
	void htmlErrorPageIsTokenExceptionNotAParseCrash() {
		stubTokenEndpoint(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));

		try (HubServiceClient client = client()) {
			HubTokenException ex = tokenFailure(client);

			assertNoSecretAndNoGatewayCall(ex);
			assertThat(ex.errorCode()).contains("invalid_token_response");
			assertThat(ex.getMessage()).contains("HTTP 502").contains("not a JSON object");
		}
	}

	/**
	 * A token request only issues a token, so a timeout or a reset is retried like a read
	 * (4 attempts).
	 */
	@Test
	void tokenEndpointSlowerThanTheReadTimeoutIsRetriedThenTransportException() {
		stubTokenEndpoint(okJson(WireMockGateway.tokenJson("t1")).withFixedDelay(5_000));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper)
			.readTimeout(Duration.ofMillis(200))
			.build()) {
			HubTransportException ex = unreachableTokenEndpoint(client);

			assertNoSecretAndNoGatewayCall(ex);
			assertThat(ex.getMessage()).contains("readTimeout");
			assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT);
		}
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(4);
		assertThat(this.sleeper.sleeps()).hasSize(3);
	}

	@Test
	void connectionResetByTheTokenEndpointIsRetriedThenTransportException() {
		stubTokenEndpoint(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

		try (HubServiceClient client = client()) {
			HubTransportException ex = unreachableTokenEndpoint(client);

			assertNoSecretAndNoGatewayCall(ex);
			assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT);
		}
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(4);
	}

	@Test
	void tokenEndpointHiccupIsRiddenOut() {
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).inScenario("hiccup")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).inScenario("hiccup")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(WireMockGateway.tokenJson("t1"))));
		try (HubServiceClient client = client()) {
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		}
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(2);
		wm.verify(1, getRequestedFor(urlEqualTo(STATUS_PATH)).withHeader("Authorization", equalTo("Bearer t1")));
	}

	@Test
	void tokenWithoutExpiresInIsAssumedToLiveOneHour() {
		stubTokenEndpoint(okJson("{\"access_token\":\"t1\",\"token_type\":\"Bearer\"}"));
		VirtualTime clock = new VirtualTime(java.time.Instant.parse("2026-01-01T00:00:00Z"));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).clock(clock).build()) {
			client.api().getStatus("e1");
			client.api().getStatus("e1");
			// still valid just before (lifetime - refresh margin of 120 s)
			clock.advance(Duration.ofHours(1).minusSeconds(121));
			client.api().getStatus("e1");
			assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);

			clock.advance(Duration.ofSeconds(2));
			client.api().getStatus("e1");
		}

		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(2);
		wm.verify(4, getRequestedFor(urlEqualTo(STATUS_PATH)).withHeader("Authorization", equalTo("Bearer t1")));
	}

	@ParameterizedTest(name = "expires_in: {0}")
	@ValueSource(strings = { "\"soon\"", "0", "-5", "null" })
	void tokenWithAnUnreadableExpiresInIsTreatedLikeOneWithout(String expiresIn) {
		stubTokenEndpoint(
				okJson("{\"access_token\":\"t1\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}"));

		try (HubServiceClient client = client()) {
			client.api().getStatus("e1");
			client.api().getStatus("e1");
			client.api().getStatus("e1");
		}

		// not a one-second token fetched again for every call
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);
		wm.verify(3, getRequestedFor(urlEqualTo(STATUS_PATH)).withHeader("Authorization", equalTo("Bearer t1")));
	}

	@ParameterizedTest(name = "body: {0}")
	@ValueSource(strings = { "{\"access_token\": ", "[]", "\"t1\"", "{\"token_type\":\"Bearer\",\"expires_in\":3600}",
			"{\"access_token\":42,\"expires_in\":3600}" })
	void malformedOrIncompleteTokenResponseIsTokenException(String body) {
		stubTokenEndpoint(okJson(body));

		try (HubServiceClient client = client()) {
			HubTokenException ex = tokenFailure(client);

			assertNoSecretAndNoGatewayCall(ex);
			assertThat(ex.errorCode()).contains("invalid_token_response");
		}
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);
	}

	@Test
	void emptyTokenResponseIsTokenException() {
		stubTokenEndpoint(aResponse().withStatus(200).withHeader("Content-Type", "application/json"));

		try (HubServiceClient client = client()) {
			HubTokenException ex = tokenFailure(client);

			assertNoSecretAndNoGatewayCall(ex);
			assertThat(ex.errorCode()).contains("invalid_token_response");
		}
	}

	@Test
	void tokenFailureOnRunStartsNoExecution() {
		stubTokenEndpoint(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}"));

		try (HubServiceClient client = client()) {
			assertThatExceptionOfType(HubTokenException.class).isThrownBy(() -> client.run(Map.of("shots", 1)));
		}

		// only the token request reached the server
		assertThat(wm.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount()).isEqualTo(1);
	}

}
