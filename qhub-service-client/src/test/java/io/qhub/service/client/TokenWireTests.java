package io.qhub.service.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
 * The OAuth2 client-credentials exchange with the token endpoint, token reuse and
 * renewal, anonymous mode.
 */
class TokenWireTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private static final String STATUS_PATH = WireMockGateway.SERVICE_PATH + "/e1";

	private final VirtualTime sleeper = new VirtualTime();

	@Test
	void tokenRequestIsFormGrantWithUnencodedBasicCredentialsAndNoScope() {
		WireMockGateway.stubToken(wm, "t1");
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson("{\"id\":\"e1\",\"status\":\"RUNNING\"}")));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).build()) {
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		}

		List<LoggedRequest> tokenRequests = WireMockGateway.tokenRequests(wm);
		assertThat(tokenRequests).hasSize(1);
		LoggedRequest token = tokenRequests.get(0);
		String basic = Base64.getEncoder().encodeToString("my id:s3cr+t/=:x".getBytes(StandardCharsets.UTF_8));
		assertThat(token.getHeader("Authorization")).isEqualTo("Basic " + basic);
		assertThat(token.getBodyAsString()).isEqualTo("grant_type=client_credentials");
		assertThat(token.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(token.getBodyAsString()).doesNotContain("scope").doesNotContain("s3cr");
		wm.verify(1, getRequestedFor(urlEqualTo(STATUS_PATH)).withHeader("Authorization", equalTo("Bearer t1")));
	}

	@Test
	void lowerCaseTokenTypeAndScopeInTheTokenResponseAreAccepted() {
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).willReturn(okJson(
				"{\"access_token\":\"t1\",\"scope\":\"default\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson("{\"status\":\"RUNNING\"}")));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).build()) {
			client.api().getStatus("e1");
			client.api().getStatus("e1");
		}

		assertThat(gatewayAuthorizations()).containsExactly("Bearer t1", "Bearer t1");
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);
	}

	@Test
	void tokenIsReusedForLaterCalls() {
		WireMockGateway.stubToken(wm, "t1");
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson("{\"status\":\"RUNNING\"}")));
		wm.stubFor(get(urlEqualTo(STATUS_PATH + "/log")).willReturn(okJson("[]")));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).build()) {
			client.api().getStatus("e1");
			client.api().getLogs("e1");
			client.api().getStatus("e1");
		}

		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);
		assertThat(gatewayAuthorizations()).containsExactly("Bearer t1", "Bearer t1", "Bearer t1");
	}

	@Test
	void gateway401DropsTheTokenFetchesANewOneAndRetriesOnce() {
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(WireMockGateway.tokenJson("t1")))
			.willSetStateTo("second"));
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(okJson(WireMockGateway.tokenJson("t2"))));
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(aResponse().withStatus(401).withBody("{\"message\":\"token revoked\"}")));
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(okJson("{\"id\":\"e1\",\"status\":\"SUCCEEDED\"}")));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).build()) {
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			// the renewed token is the one kept
			assertThat(client.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		}

		assertThat(gatewayAuthorizations()).containsExactly("Bearer t1", "Bearer t2", "Bearer t2");
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(2);
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@Test
	void second401IsReportedAsApiError() {
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(WireMockGateway.tokenJson("t1")))
			.willSetStateTo("second"));
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(okJson(WireMockGateway.tokenJson("t2"))));
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(401).withBody("denied")));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).build()) {
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.satisfies((ex) -> {
					assertThat(ex.statusCode()).isEqualTo(401);
					assertThat(ex.responseBody()).isEqualTo("denied");
				});
		}

		assertThat(gatewayAuthorizations()).containsExactly("Bearer t1", "Bearer t2");
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(2);
	}

	@Test
	void rejectedClientCredentialsGiveTokenExceptionWithoutTheSecret() {
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
		wm.stubFor(get(anyUrl()).willReturn(okJson("{\"status\":\"RUNNING\"}")));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).build()) {
			assertThatExceptionOfType(HubTokenException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.satisfies((ex) -> {
					assertThat(ex.errorCode()).contains("invalid_client");
					assertThat(ex.tokenEndpoint()).isEqualTo(wm.baseUrl() + WireMockGateway.TOKEN_PATH);
					assertThat(ex.getMessage()).contains(wm.baseUrl() + WireMockGateway.TOKEN_PATH)
						.contains("invalid_client")
						.doesNotContain(WireMockGateway.SECRET)
						.doesNotContain("s3cr");
					assertThat(stackText(ex)).doesNotContain(WireMockGateway.SECRET);
				});
		}

		// the gateway is never called without a token, and a rejected key pair is not
		// retried
		wm.verify(0, getRequestedFor(anyUrl()));
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@Test
	void anonymousClientSendsRandomAlphanumericBearerAndNeverAsksForAToken() {
		WireMockGateway.stubToken(wm, "t1");
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson("{\"status\":\"RUNNING\"}")));

		try (HubServiceClient client = WireMockGateway
			.anonymous(wm.baseUrl() + WireMockGateway.SERVICE_PATH, this.sleeper)
			.tokenEndpoint(wm.baseUrl() + WireMockGateway.TOKEN_PATH)
			.build()) {
			client.api().getStatus("e1");
			client.api().getStatus("e1");
		}

		assertThat(WireMockGateway.tokenRequests(wm)).isEmpty();
		List<String> authorizations = gatewayAuthorizations();
		assertThat(authorizations).hasSize(2);
		assertThat(authorizations.get(0)).matches("Bearer [A-Za-z0-9]{21}");
		assertThat(authorizations.get(1)).isEqualTo(authorizations.get(0));
	}

	@Test
	void anonymousClientsUseDifferentRandomTokens() {
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson("{\"status\":\"RUNNING\"}")));
		String endpoint = wm.baseUrl() + WireMockGateway.SERVICE_PATH;

		try (HubServiceClient first = WireMockGateway.anonymous(endpoint, this.sleeper).build();
				HubServiceClient second = WireMockGateway.anonymous(endpoint, this.sleeper).build()) {
			first.api().getStatus("e1");
			second.api().getStatus("e1");
		}

		List<String> authorizations = gatewayAuthorizations();
		assertThat(authorizations).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void anonymous401IsNotRetried() {
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(401)));

		try (HubServiceClient client = WireMockGateway
			.anonymous(wm.baseUrl() + WireMockGateway.SERVICE_PATH, this.sleeper)
			.build()) {
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(401));
		}

		wm.verify(1, getRequestedFor(urlEqualTo(STATUS_PATH)));
	}

	@Test
	void tokenIsRenewedOnceWithinRefreshMarginOfExpiry() {
		stubTokensInOrder("t1", "t2");
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson("{\"status\":\"RUNNING\"}")));
		VirtualTime clock = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper)
			.clock(clock)
			.tokenRefreshBeforeExpiry(Duration.ofSeconds(120))
			.build()) {
			client.api().getStatus("e1");
			clock.advance(Duration.ofSeconds(3600 - 121));
			client.api().getStatus("e1");
			clock.advance(Duration.ofSeconds(2));
			client.api().getStatus("e1");
			client.api().getStatus("e1");
		}

		assertThat(gatewayAuthorizations()).containsExactly("Bearer t1", "Bearer t1", "Bearer t2", "Bearer t2");
		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(2);
	}

	@Test
	void aTokenLivingLessThanTwiceTheRefreshMarginIsStillUsedForHalfItsLifetime() {
		// expires_in 60 s against the 120 s margin: without the cap every call would
		// fetch a token
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH))
			.willReturn(okJson("{\"access_token\":\"short\",\"token_type\":\"Bearer\",\"expires_in\":60.0}")));
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson("{\"status\":\"RUNNING\"}")));
		VirtualTime clock = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).clock(clock).build()) {
			for (int i = 0; i < 3; i++) {
				client.api().getStatus("e1");
				clock.advance(Duration.ofSeconds(9));
			}
			assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);
			clock.advance(Duration.ofSeconds(5));
			client.api().getStatus("e1");
		}

		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(2);
	}

	@Test
	void concurrentFirstCallsShareOneTokenRequest() {
		WireMockGateway.stubToken(wm, "t1");
		wm.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson("{\"status\":\"RUNNING\"}")));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).build()) {
			List<ServiceExecution> all = Flux.range(0, 16)
				.flatMap((i) -> client.api().reactive().getStatus("e1"), 16)
				.collectList()
				.block();
			assertThat(all).hasSize(16);
		}

		assertThat(WireMockGateway.tokenRequests(wm)).hasSize(1);
		assertThat(gatewayAuthorizations()).hasSize(16).containsOnly("Bearer t1");
	}

	@Test
	void startExecutionRejectedWith401IsResentWithTheSameBodyAndTheNewToken() {
		stubTokensInOrder("t1", "t2");
		String root = WireMockGateway.SERVICE_PATH + "/";
		wm.stubFor(post(urlEqualTo(root)).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(aResponse().withStatus(401)));
		wm.stubFor(post(urlEqualTo(root)).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withHeader("Location", wm.baseUrl() + root + "e9")
				.withBody("{\"id\":\"e9\",\"status\":\"PENDING\"}")));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).build()) {
			assertThat(client.api().startExecution(Map.of("shots", 7)).id()).isEqualTo("e9");
		}

		List<LoggedRequest> posts = wm.findAll(postRequestedFor(urlEqualTo(root)));
		assertThat(posts).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer t1", "Bearer t2");
		assertThat(posts).extracting(LoggedRequest::getBodyAsString).containsOnly("{\"shots\":7}");
	}

	@Test
	void failingTokenEndpointGivesTokenExceptionAndNoGatewayCall() {
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH))
			.willReturn(aResponse().withStatus(503).withBody("maintenance")));

		try (HubServiceClient client = WireMockGateway.withKeys(wm, this.sleeper).build()) {
			assertThatExceptionOfType(HubTokenException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains(wm.baseUrl() + WireMockGateway.TOKEN_PATH)
					.doesNotContain(WireMockGateway.SECRET));
		}

		wm.verify(0, getRequestedFor(anyUrl()));
	}

	private static void stubTokensInOrder(String first, String second) {
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(WireMockGateway.tokenJson(first)))
			.willSetStateTo("second"));
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(okJson(WireMockGateway.tokenJson(second))));
	}

	/** Authorization headers of every gateway call (all GETs here), oldest first. */
	private static List<String> gatewayAuthorizations() {
		return wm.findAll(getRequestedFor(anyUrl()))
			.stream()
			.map((request) -> request.getHeader("Authorization"))
			.toList();
	}

	private static String stackText(Throwable ex) {
		StringBuilder text = new StringBuilder();
		for (Throwable current = ex; current != null; current = current.getCause()) {
			text.append(current).append('\n');
			if (current.getCause() == current) {
				break;
			}
		}
		return text.toString();
	}

}
