package io.qhub.service.datapool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.fixtures.PlatformFixtures;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.TransportSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The platform half of the fault matrix: acquiring a data-pool grant
 * ({@code POST /data-pool-grants}) under the same faults as the gateway. A grant request
 * is a {@code POST}, so it is retried only when the connection could not be opened; every
 * other fault is one typed exception after exactly one request, the API key never appears
 * in it, and a {@code run} whose grant fails starts no execution. Already covered:
 * 401/403, 503, an answer without or with a blank token, an empty answer
 * ({@link HubPlatformClientTests}), 403/500 on {@code run} ({@link DataPoolGrantTests}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlatformFaultTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private static final String API_KEY = "pat-1";

	@TempDir
	Path home;

	private final VirtualTime sleeper = new VirtualTime();

	private HubPlatformClient.Builder platform() {
		return PlatformFixtures.platform(wm, this.home).sleeper(this.sleeper);
	}

	private static void stubGrantEndpoint(ResponseDefinitionBuilder response) {
		wm.stubFor(post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH)).willReturn(response));
	}

	private Throwable createGrant(HubPlatformClient client) {
		return catchThrowable(
				() -> client.dataPoolGrants().createGrant("dp-1", "app-1", DataPoolPermission.VIEW).block());
	}

	private Throwable createGrant() {
		return createGrant(platform().build());
	}

	private static void assertNoApiKey(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			assertThat(String.valueOf(current.getMessage())).doesNotContain(API_KEY);
		}
	}

	@Test
	void connectionRefusedIsRetriedBecauseNothingWasSentThenTransportException() {
		HubPlatformClient client = platform()
			.platformEndpoint("http://localhost:" + WireMockGateway.closedPort() + PlatformFixtures.PLATFORM_PATH)
			.build();

		Throwable ex = createGrant(client);

		assertThat(ex).isInstanceOf(HubTransportException.class)
			.hasMessageContaining("POST /data-pool-grants")
			.hasMessageContaining("Connection refused");
		assertNoApiKey(ex);
		// 4 connection attempts under the default policy: 3 waits
		assertThat(this.sleeper.sleeps()).hasSize(3);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "CONNECTION_RESET_BY_PEER", "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE",
			"EMPTY_RESPONSE" })
	void connectionFailureAfterTheRequestWasSentIsTransportExceptionWithOneRequest(Fault fault) {
		stubGrantEndpoint(aResponse().withStatus(201).withFault(fault));

		Throwable ex = createGrant();

		assertThat(ex).isInstanceOf(HubTransportException.class).hasMessageContaining("POST /data-pool-grants");
		assertNoApiKey(ex);
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@ParameterizedTest(name = "body: {0}")
	@ValueSource(strings = { "{\"token\": ", "[\"jwt\"]", "<html>ok</html>" })
	void malformedAnswerIsTransportExceptionWithOneRequest(String body) {
		stubGrantEndpoint(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(body));

		Throwable ex = createGrant();

		assertThat(ex).isInstanceOf(HubTransportException.class)
			.hasMessageContaining("POST /data-pool-grants")
			.hasMessageContaining("not the expected JSON");
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
	}

	@Test
	void htmlErrorPageIsApiExceptionWithShortenedBody() {
		stubGrantEndpoint(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>" + "<p>proxy error</p>".repeat(100) + "</body></html>"));

		Throwable ex = createGrant();

		assertThat(ex).isInstanceOfSatisfying(HubApiException.class, (api) -> {
			assertThat(api.statusCode()).isEqualTo(502);
			assertThat(api.responseBody()).startsWith("<html>").endsWith("</html>");
			assertThat(api.getMessage()).hasSizeLessThan(HubApiException.MESSAGE_EXCERPT_LENGTH + 100);
		});
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 400, 404, 409, 500, 502, 504 })
	void errorStatusIsApiExceptionWithExactlyOneRequest(int status) {
		stubGrantEndpoint(aResponse().withStatus(status).withBody("{\"message\":\"no\"}"));

		Throwable ex = createGrant();

		assertThat(ex).isInstanceOfSatisfying(HubApiException.class, (api) -> {
			assertThat(api.statusCode()).isEqualTo(status);
			assertThat(api.operation()).isEqualTo("POST /data-pool-grants");
			assertThat(api.responseBody()).isEqualTo("{\"message\":\"no\"}");
		});
		assertNoApiKey(ex);
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@ParameterizedTest(name = "Retry-After: {0}")
	@ValueSource(strings = { "", "30", "Thu, 01 Jan 2099 00:00:00 GMT" })
	void tooManyRequestsIsApiExceptionCarryingRetryAfterWithOneRequest(String retryAfter) {
		ResponseDefinitionBuilder response = aResponse().withStatus(429);
		stubGrantEndpoint(retryAfter.isEmpty() ? response : response.withHeader("Retry-After", retryAfter));

		Throwable ex = createGrant();

		assertThat(ex).isInstanceOfSatisfying(HubApiException.class, (api) -> {
			assertThat(api.statusCode()).isEqualTo(429);
			assertThat(api.retryAfter().isPresent()).isEqualTo(!retryAfter.isEmpty());
			if (retryAfter.equals("30")) {
				assertThat(api.retryAfter()).contains(Duration.ofSeconds(30));
			}
		});
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@Test
	void answerSlowerThanTheReadTimeoutIsTransportExceptionWithOneRequest() {
		stubGrantEndpoint(okJson(PlatformFixtures.tokenJson("jwt")).withFixedDelay(5_000));

		Throwable ex = createGrant(
				platform().transportSettings(TransportSettings.defaults().withReadTimeout(Duration.ofMillis(200)))
					.build());

		assertThat(ex).isInstanceOf(HubTransportException.class)
			.hasMessageContaining("POST /data-pool-grants")
			.hasMessageContaining("readTimeout");
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reset", "timeout", "503" })
	void runWhoseGrantAcquisitionFailsStartsNoExecution(String fault) {
		switch (fault) {
			case "reset" -> stubGrantEndpoint(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
			case "timeout" -> stubGrantEndpoint(okJson(PlatformFixtures.tokenJson("jwt")).withFixedDelay(5_000));
			default -> stubGrantEndpoint(aResponse().withStatus(503));
		}
		VirtualTime vt = new VirtualTime();
		HubPlatformClient platform = platform()
			.transportSettings(TransportSettings.defaults().withReadTimeout(Duration.ofMillis(200)))
			.build();

		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, vt).platformClient(platform).build()) {
			Throwable ex = catchThrowable(() -> client.run(Map.of("shots", 1),
					RunOptions.none().withGrants(new DataPoolGrant("input", "dp-1", "app-1"))));

			assertThat(ex).isInstanceOf(fault.equals("503") ? HubApiException.class : HubTransportException.class);
			assertNoApiKey(ex);
		}
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
		assertThat(LifecycleFixtures.count(wm, postRequestedFor(urlPathEqualTo(LifecycleFixtures.BASE + "/"))))
			.isZero();
	}

}
