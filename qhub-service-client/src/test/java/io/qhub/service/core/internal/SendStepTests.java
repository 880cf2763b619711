package io.qhub.service.core.internal;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SendStep} against a real HTTP server: the one request builder (URI, template
 * values encoded, headers, {@code Accept} by kind, JSON body), answers of every status
 * read whole within their limits, a 2xx streamed body handed on, and over-limit and wire
 * failures classified.
 */
class SendStepTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final VirtualTime time = new VirtualTime();

	private Transport transport = CallStepFixtures.transport(TransportSettings.defaults(), this.time);

	@AfterEach
	void close() {
		this.transport.close();
	}

	@Test
	void aJsonCallIsBuiltFromTheEndpointAndTemplateWithItsHeaders() {
		server.stubFor(get(urlEqualTo("/acme/svc/e%201%2Fx")).willReturn(okJson("{\"id\":\"e 1/x\"}")));
		Call<byte[]> call = Call.get("/{id}", List.of("e 1/x"), FailureKind.PERMANENT, (body, headers) -> body);
		CallContext context = CallContext.json(call, CallBudget.DEFAULT)
			.authorizedBy(new Credentials.Authorization("t1", (headers) -> headers.setBearerAuth("t1")));
		StepVerifier.create(step().proceed(context)).assertNext((answer) -> {
			assertThat(answer.status()).isEqualTo(200);
			assertThat(text(answer.body())).isEqualTo("{\"id\":\"e 1/x\"}");
			assertThat(answer.stream()).isNull();
		}).verifyComplete();
		server.verify(getRequestedFor(urlEqualTo("/acme/svc/e%201%2Fx"))
			.withHeader(HttpHeaders.USER_AGENT, equalTo(UserAgent.VALUE))
			.withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer t1"))
			.withHeader(HttpHeaders.ACCEPT, equalTo("application/json, application/hal+json")));
	}

	@Test
	void aBodyIsSentAsJson() {
		server.stubFor(post(urlEqualTo("/acme/svc/")).willReturn(okJson("{}").withStatus(201)));
		StepVerifier.create(step().proceed(CallContext.json(CallStepFixtures.post("{\"a\":1}"), CallBudget.DEFAULT)))
			.assertNext((answer) -> assertThat(answer.status()).isEqualTo(201))
			.verifyComplete();
		server.verify(postRequestedFor(urlEqualTo("/acme/svc/"))
			.withHeader(HttpHeaders.CONTENT_TYPE, equalTo("application/json"))
			.withRequestBody(equalTo("{\"a\":1}")));
	}

	@Test
	void aStreamedCallAcceptsAnythingAndKeepsA2xxBodyStreaming() {
		server.stubFor(get(urlEqualTo("/acme/svc/e-1")).willReturn(aResponse().withBody("file content")));
		CallContext context = CallContext.stream(CallStepFixtures.get(), CallBudget.DEFAULT);
		StepVerifier.create(step().proceed(context).flatMap((answer) -> {
			assertThat(answer.body()).isEmpty();
			return DataBufferUtils.join(answer.stream()).map(ErrorText::bytes);
		})).assertNext((bytes) -> assertThat(text(bytes)).isEqualTo("file content")).verifyComplete();
		server.verify(getRequestedFor(urlEqualTo("/acme/svc/e-1")).withHeader(HttpHeaders.ACCEPT, equalTo("*/*")));
	}

	@Test
	void anErrorAnswerIsReadWholeAlsoForAStreamedCall() {
		server.stubFor(get(urlEqualTo("/acme/svc/e-1"))
			.willReturn(aResponse().withStatus(503).withHeader(HttpHeaders.RETRY_AFTER, "3").withBody("busy")));
		CallContext context = CallContext.stream(CallStepFixtures.get(), CallBudget.DEFAULT);
		StepVerifier.create(step().proceed(context)).assertNext((answer) -> {
			assertThat(answer.status()).isEqualTo(503);
			assertThat(text(answer.body())).isEqualTo("busy");
			assertThat(answer.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
			assertThat(answer.stream()).isNull();
		}).verifyComplete();
	}

	@Test
	void aJsonAnswerOverMaxJsonBodySizeFailsNamingTheSetting() {
		this.transport.close();
		this.transport = CallStepFixtures.transport(TransportSettings.defaults().withMaxJsonBodySize(16), this.time);
		server.stubFor(get(urlEqualTo("/acme/svc/e-1")).willReturn(okJson("{\"twenty\":\"bytes..\"}")));
		StepVerifier.create(step().proceed(CallContext.json(CallStepFixtures.get(), CallBudget.DEFAULT)))
			.verifyErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(HubTransportException.class)
					.hasMessage("GET /{id} to " + endpoint() + " answered more than the 16 bytes JSON limit "
							+ "(maxJsonBodySize; property qhub.service.max-json-body-size) the client reads");
				assertThat(((HubTransportException) ex).failureKind()).isEqualTo(FailureKind.PERMANENT);
			});
	}

	@Test
	void anErrorAnswerOverItsFixedLimitFailsClassifiedByItsStatus() {
		server.stubFor(get(urlEqualTo("/acme/svc/e-1"))
			.willReturn(aResponse().withStatus(500).withBody("x".repeat(SendStep.MAX_ERROR_BODY_SIZE + 1))));
		StepVerifier.create(step().proceed(CallContext.json(CallStepFixtures.get(), CallBudget.DEFAULT)))
			.verifyErrorSatisfies((ex) -> {
				assertThat(ex).hasMessage("GET /{id} to " + endpoint() + " answered HTTP 500 with an error body of "
						+ "more than the 64 KiB the client reads (fixed limit for error answers)");
				assertThat(((HubTransportException) ex).failureKind()).isEqualTo(FailureKind.TRANSIENT);
			});
	}

	@Test
	void aRefusedConnectionIsAClassifiedFailureThatWasNotSent() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Endpoint nowhere = Endpoint.parse("http://localhost:" + closedPort + "/acme/svc", "serviceEndpoint");
		SendStep step = new SendStep(this.transport, nowhere);
		StepVerifier.create(step.proceed(CallContext.json(CallStepFixtures.get(), CallBudget.DEFAULT)))
			.verifyErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(HubTransportException.class)
					.hasMessageStartingWith("GET /{id} to " + nowhere + " could not connect: ");
				assertThat(((HubTransportException) ex).requestMayHaveBeenSent()).isFalse();
				assertThat(((HubTransportException) ex).failureKind()).isEqualTo(FailureKind.TRANSIENT);
			});
	}

	private SendStep step() {
		return new SendStep(this.transport, Endpoint.parse(endpoint(), "serviceEndpoint"));
	}

	private static String endpoint() {
		return server.baseUrl() + "/acme/svc";
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
