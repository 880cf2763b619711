package io.qhub.service.client;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.TransportRetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** How non-2xx answers, unreadable bodies and connection failures surface. */
class ServiceApiClientErrorTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private static final String BASE = WireMockGateway.SERVICE_PATH;

	private final VirtualTime sleeper = new VirtualTime();

	private HubServiceClient client;

	@BeforeEach
	void setUp() {
		WireMockGateway.stubToken(wm, "t1");
		this.client = WireMockGateway.withKeys(wm, this.sleeper).build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	static Stream<Arguments> operations() {
		return Stream.of(
				Arguments.of("GET /", (Function<ServiceApiClient, Object>) ServiceApiClient::getServiceExecutions),
				Arguments.of("POST /",
						(Function<ServiceApiClient, Object>) (api) -> api.startExecution(java.util.Map.of("a", 1))),
				Arguments.of("GET /{id}", (Function<ServiceApiClient, Object>) (api) -> api.getStatus("e1")),
				Arguments.of("GET /{id}/result", (Function<ServiceApiClient, Object>) (api) -> api.getResult("e1")),
				Arguments.of("GET /{id}/result/{file}",
						(Function<ServiceApiClient, Object>) (api) -> api.getResultFile("e1", "f.txt")),
				Arguments.of("GET /{id}/log", (Function<ServiceApiClient, Object>) (api) -> api.getLogs("e1")),
				Arguments.of("PUT /{id}/cancel",
						(Function<ServiceApiClient, Object>) (api) -> api.cancelExecution("e1")));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 403, 404, 409, 422 })
	void nonSuccessStatusBecomesApiExceptionWithStatusBodyAndOperation(int status) {
		wm.stubFor(get(urlEqualTo(BASE + "/e1")).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"nope " + status + "\"}")));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> this.client.api().getStatus("e1"))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(status);
				assertThat(ex.responseBody()).isEqualTo("{\"detail\":\"nope " + status + "\"}");
				assertThat(ex.operation()).isEqualTo("GET /{id}");
				assertThat(ex.getMessage()).contains("GET /{id}").contains(String.valueOf(status));
				assertThat(ex.isNotFound()).isEqualTo(status == 404);
				assertThat(ex.isServerError()).isFalse();
				assertThat(ex.failureKind()).isEqualTo(FailureKind.PERMANENT);
			});
		wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo(BASE + "/e1")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operations")
	void everyOperationNamesItselfInApiErrors(String operation, Function<ServiceApiClient, Object> call) {
		wm.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(409).withBody("conflict")));
		WireMockGateway.stubToken(wm, "t1");

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> call.apply(this.client.api()))
			.satisfies((ex) -> {
				assertThat(ex.operation()).isEqualTo(operation);
				assertThat(ex.statusCode()).isEqualTo(409);
				assertThat(ex.responseBody()).isEqualTo("conflict");
			});
	}

	@Test
	void longBodyIsKeptWholeAndTheMessageShowsAnExcerpt() {
		String body = "x".repeat(600) + "TAIL";
		wm.stubFor(get(urlEqualTo(BASE + "/e1")).willReturn(aResponse().withStatus(404).withBody(body)));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> this.client.api().getStatus("e1"))
			.satisfies((ex) -> {
				assertThat(ex.responseBody()).isEqualTo(body);
				assertThat(ex.getMessage()).isEqualTo(
						"GET /{id} failed with HTTP 404: " + "x".repeat(HubApiException.MESSAGE_EXCERPT_LENGTH) + "…");
			});
	}

	@Test
	void emptyErrorBodyGivesEmptyResponseBody() {
		wm.stubFor(get(urlEqualTo(BASE + "/e1")).willReturn(aResponse().withStatus(404)));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> this.client.api().getStatus("e1"))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(404);
				assertThat(ex.responseBody()).isEmpty();
			});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedBodies")
	void malformedJsonBecomesTransportExceptionNamingTheOperation(String name, Consumer<ServiceApiClient> call,
			String path, String operation) {
		wm.stubFor(any(urlEqualTo(path)).willReturn(okJson("{\"id\": \"e1\", \"status\": ")));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> call.accept(this.client.api()))
			.withMessageContaining(operation);
	}

	static Stream<Arguments> malformedBodies() {
		return Stream.of(
				Arguments.of("list", (Consumer<ServiceApiClient>) ServiceApiClient::getServiceExecutions, BASE + "/",
						"GET /"),
				Arguments.of("status", (Consumer<ServiceApiClient>) (api) -> api.getStatus("e1"), BASE + "/e1",
						"GET /{id}"),
				Arguments.of("result", (Consumer<ServiceApiClient>) (api) -> api.getResult("e1"), BASE + "/e1/result",
						"GET /{id}/result"),
				Arguments.of("logs", (Consumer<ServiceApiClient>) (api) -> api.getLogs("e1"), BASE + "/e1/log",
						"GET /{id}/log"),
				Arguments.of("cancel", (Consumer<ServiceApiClient>) (api) -> api.cancelExecution("e1"),
						BASE + "/e1/cancel", "PUT /{id}/cancel"));
	}

	@Test
	void wrongJsonShapeBecomesTransportException() {
		wm.stubFor(get(urlEqualTo(BASE + "/")).willReturn(okJson("{\"not\":\"an array\"}")));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> this.client.api().getServiceExecutions())
			.withMessageContaining("GET /");
	}

	@Test
	void emptySuccessBodyBecomesTransportExceptionNamingTheOperation() {
		wm.stubFor(get(urlEqualTo(BASE + "/e1"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> this.client.api().getStatus("e1"))
			.withMessageContaining("GET /{id}")
			.withMessageContaining("empty body");
	}

	@Test
	void connectionRefusedBecomesTransportException() {
		try (HubServiceClient refused = WireMockGateway
			.anonymous("http://localhost:" + WireMockGateway.closedPort() + BASE, this.sleeper)
			.transportRetry(TransportRetryPolicy.NONE)
			.build()) {
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> refused.api().getStatus("e1"))
				.withMessageContaining("GET /{id}")
				.satisfies((ex) -> assertThat(ex.getCause()).isNotNull());
		}
		assertThat(this.sleeper.sleeps()).isEmpty();
	}

	@Test
	void connectionRefusedByTheTokenEndpointBecomesTransportExceptionNamingIt() {
		String tokenEndpoint = "http://localhost:" + WireMockGateway.closedPort() + "/token";
		try (HubServiceClient refused = WireMockGateway.withKeys(wm, this.sleeper)
			.tokenEndpoint(tokenEndpoint)
			.build()) {
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> refused.api().getStatus("e1"))
				.satisfies((ex) -> {
					assertThat(ex.operation()).isEqualTo("POST /token");
					assertThat(ex.getMessage()).contains(tokenEndpoint)
						.contains("could not connect")
						.doesNotContain(WireMockGateway.SECRET);
					assertThat(ex.requestMayHaveBeenSent()).isFalse();
				});
		}
		wm.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(anyUrl()));
	}

}
