package io.qhub.service.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.model.HalLink;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.LogEntrySeverity;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.model.ServiceExecutionType;
import io.qhub.service.client.testing.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Method, path, headers and body of each of the seven operations, and how their answers
 * are decoded.
 */
class ServiceApiClientWireTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private static final String ID = "87cb778e-ac43-11ec-b909-0242ac120002";

	private static final String BASE = WireMockGateway.SERVICE_PATH;

	private static final String EXECUTION_JSON = """
			{ "id": "87cb778e-ac43-11ec-b909-0242ac120002", "status": "SUCCEEDED", "type": "MANAGED",
			  "createdAt": "2022-01-01 22:38:08", "startedAt": "2022-01-01T22:39:08Z",
			  "endedAt": "2025-10-10T08:23:26.452335419Z", "serviceId": "svc-1", "serviceDefinitionId": "def-1",
			  "applicationId": "app-1", "tags": ["a", "b"] }""";

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

	@Test
	void getServiceExecutionsGetsTheRootWithTrailingSlashAndDecodesEveryField() {
		wm.stubFor(get(urlEqualTo(BASE + "/")).willReturn(okJson("[" + EXECUTION_JSON + ","
				+ "{\"id\":\"e2\",\"status\":\"PENDING\",\"createdAt\":\"2022-01-02 00:00:00\"}]")));

		List<ServiceExecution> executions = this.client.api().getServiceExecutions();

		assertThat(executions).hasSize(2);
		assertFullExecution(executions.get(0));
		ServiceExecution second = executions.get(1);
		assertThat(second.id()).isEqualTo("e2");
		assertThat(second.status()).isEqualTo(ServiceExecutionStatus.PENDING);
		assertThat(second.createdAt()).isEqualTo(Instant.parse("2022-01-02T00:00:00Z"));
		assertThat(second.startedAt()).isNull();
		assertThat(second.endedAt()).isNull();
		assertThat(second.type()).isNull();
		assertThat(second.tags()).isEmpty();
		wm.verify(1, getRequestedFor(urlEqualTo(BASE + "/")).withHeader("Authorization", equalTo("Bearer t1"))
			.withHeader("Accept", containing("application/json")));
	}

	@Test
	void startExecutionPostsTheMapAsJsonToTheRoot() {
		wm.stubFor(post(urlEqualTo(BASE + "/")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withHeader("Location", wm.baseUrl() + BASE + "/" + ID)
			.withBody("{\"id\":\"" + ID + "\",\"status\":\"PENDING\",\"createdAt\":\"2022-01-01 22:38:08\"}")));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("shots", 100);
		body.put("values", List.of(1.5, 2.5));
		body.put("$secrets", Map.of("ibmToken", "x"));
		body.put("nothing", null);

		ServiceExecution execution = this.client.api().startExecution(body);

		assertThat(execution.id()).isEqualTo(ID);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.PENDING);
		assertThat(execution.createdAt()).isEqualTo(Instant.parse("2022-01-01T22:38:08Z"));
		wm.verify(1, postRequestedFor(urlEqualTo(BASE + "/")).withHeader("Authorization", equalTo("Bearer t1"))
			.withHeader("Content-Type", containing("application/json"))
			.withHeader("Accept", containing("application/json"))
			.withRequestBody(equalToJson(
					"{\"shots\":100,\"values\":[1.5,2.5],\"$secrets\":{\"ibmToken\":\"x\"},\"nothing\":null}")));
	}

	@Test
	void startExecutionTakesTheIdFromTheLocationWhenTheBodyHasNone() {
		wm.stubFor(post(urlEqualTo(BASE + "/")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withHeader("Location", wm.baseUrl() + BASE + "/from-location")
			.withBody("{\"status\":\"PENDING\"}")));

		ServiceExecution execution = this.client.api().startExecution(Map.of("shots", 1));

		assertThat(execution.id()).isEqualTo("from-location");
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.PENDING);
	}

	@Test
	void getStatusGetsTheIdPath() {
		wm.stubFor(get(urlEqualTo(BASE + "/" + ID)).willReturn(okJson(EXECUTION_JSON)));

		ServiceExecution execution = this.client.api().getStatus(ID);

		assertFullExecution(execution);
		wm.verify(1, getRequestedFor(urlEqualTo(BASE + "/" + ID)).withHeader("Authorization", equalTo("Bearer t1"))
			.withHeader("Accept", containing("application/json")));
	}

	@Test
	void getResultSplitsLinksEmbeddedAndOutputFields() {
		wm.stubFor(get(urlEqualTo(BASE + "/" + ID + "/result")).willReturn(okJson("""
				{ "sum": 42,
				  "_links": {
				    "status": { "href": "https://gw/acme/svc/1.0.0/%1$s" },
				    "self": { "href": "https://gw/acme/svc/1.0.0/%1$s/result" },
				    "plot.png": { "href": "https://gw/acme/svc/1.0.0/%1$s/result/plot.png", "type": "image/png",
				                  "templated": true, "title": "Plot", "name": "plot", "hreflang": "en",
				                  "profile": "https://p", "deprecation": "https://d", "extra": 1 },
				    "output.json": { "href": "https://gw/acme/svc/1.0.0/%1$s/result/output.json" } },
				  "nested": { "a": [1, 2], "b": null },
				  "_embedded": { "status": { "id": "%1$s", "status": "SUCCEEDED",
				                             "createdAt": "2022-01-01 22:38:08" } },
				  "label": "done" }""".formatted(ID)).withHeader("Content-Type", "application/hal+json")));

		ResultResponse result = this.client.api().getResult(ID);

		assertThat(result.fileNames()).containsExactly("plot.png", "output.json");
		assertThat(result.links()).containsOnlyKeys("status", "self", "plot.png", "output.json");
		assertThat(result.links().keySet()).containsExactly("status", "self", "plot.png", "output.json");
		assertThat(result.links().get("plot.png"))
			.isEqualTo(new HalLink("https://gw/acme/svc/1.0.0/" + ID + "/result/plot.png", true, "image/png",
					"https://d", "plot", "https://p", "Plot", "en"));
		assertThat(result.links().get("output.json"))
			.isEqualTo(HalLink.of("https://gw/acme/svc/1.0.0/" + ID + "/result/output.json"));
		assertThat(result.properties().keySet()).containsExactly("sum", "nested", "label");
		assertThat(result.properties()).containsEntry("sum", 42).containsEntry("label", "done");
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("a", List.of(1, 2));
		nested.put("b", null);
		assertThat(result.properties().get("nested")).isEqualTo(nested);
		ServiceExecution embedded = result.embedded().status();
		assertThat(embedded).isNotNull();
		assertThat(embedded.id()).isEqualTo(ID);
		assertThat(embedded.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(embedded.createdAt()).isEqualTo(Instant.parse("2022-01-01T22:38:08Z"));
		wm.verify(1,
				getRequestedFor(urlEqualTo(BASE + "/" + ID + "/result"))
					.withHeader("Authorization", equalTo("Bearer t1"))
					.withHeader("Accept", containing("application/json")));
	}

	@Test
	void getResultWithoutLinksOrEmbeddedHasNoFiles() {
		wm.stubFor(get(urlEqualTo(BASE + "/" + ID + "/result")).willReturn(okJson("{\"value\":\"x\"}")));

		ResultResponse result = this.client.api().getResult(ID);

		assertThat(result.links()).isEmpty();
		assertThat(result.fileNames()).isEmpty();
		assertThat(result.embedded().status()).isNull();
		assertThat(result.properties()).containsExactly(Map.entry("value", "x"));
	}

	@Test
	void getLogsGetsTheSingularLogPathAndKeepsOrder() {
		wm.stubFor(get(urlEqualTo(BASE + "/" + ID + "/log")).willReturn(okJson("""
				[ { "message": "Starting", "severity": "INFO", "timestamp": "2025-10-10T08:23:26.452335419Z" },
				  { "message": "Odd", "severity": "DEBUG", "timestamp": "2025-10-10 08:23:27" },
				  { "message": "Careful", "severity": "warning", "timestamp": "2025-10-10T08:23:28Z" },
				  { "message": "Boom", "severity": "ERROR" },
				  { "message": "Weird", "severity": "CRITICAL" },
				  { "message": "Notice", "severity": "NOTICE" } ]""")));

		List<LogEntry> logs = this.client.api().getLogs(ID);

		assertThat(logs).extracting(LogEntry::message)
			.containsExactly("Starting", "Odd", "Careful", "Boom", "Weird", "Notice");
		assertThat(logs).extracting(LogEntry::severity)
			.containsExactly(LogEntrySeverity.INFO, LogEntrySeverity.DEBUG, LogEntrySeverity.WARNING,
					LogEntrySeverity.ERROR, LogEntrySeverity.UNKNOWN, LogEntrySeverity.NOTICE);
		assertThat(logs.get(0).timestamp()).isEqualTo(Instant.parse("2025-10-10T08:23:26.452335419Z"));
		assertThat(logs.get(1).timestamp()).isEqualTo(Instant.parse("2025-10-10T08:23:27Z"));
		assertThat(logs.get(3).timestamp()).isNull();
		wm.verify(1,
				getRequestedFor(urlEqualTo(BASE + "/" + ID + "/log")).withHeader("Authorization", equalTo("Bearer t1"))
					.withHeader("Accept", containing("application/json")));
	}

	@Test
	void cancelExecutionPutsWithoutBody() {
		wm.stubFor(put(urlEqualTo(BASE + "/" + ID + "/cancel"))
			.willReturn(okJson("{\"id\":\"" + ID + "\",\"status\":\"CANCELLED\"}")));

		ServiceExecution execution = this.client.api().cancelExecution(ID);

		assertThat(execution.id()).isEqualTo(ID);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		wm.verify(1,
				putRequestedFor(urlEqualTo(BASE + "/" + ID + "/cancel"))
					.withHeader("Authorization", equalTo("Bearer t1"))
					.withHeader("Accept", containing("application/json"))
					.withHeader("Content-Type", absent()));
		LoggedRequest request = wm.findAll(putRequestedFor(urlEqualTo(BASE + "/" + ID + "/cancel"))).get(0);
		assertThat(request.getBody()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "//" })
	void endpointWithOrWithoutTrailingSlashHitsTheSamePaths(String suffix) {
		wm.stubFor(get(urlEqualTo(BASE + "/")).willReturn(okJson("[]")));
		wm.stubFor(get(urlEqualTo(BASE + "/e1")).willReturn(okJson("{\"id\":\"e1\",\"status\":\"RUNNING\"}")));
		wm.stubFor(get(urlEqualTo(BASE + "/e1/log")).willReturn(okJson("[]")));
		try (HubServiceClient slashed = WireMockGateway.withKeys(wm, this.sleeper)
			.serviceEndpoint(wm.baseUrl() + BASE + suffix)
			.build()) {
			assertThat(slashed.api().getServiceExecutions()).isEmpty();
			assertThat(slashed.api().getStatus("e1").status()).isEqualTo(ServiceExecutionStatus.RUNNING);
			assertThat(slashed.api().getLogs("e1")).isEmpty();
		}
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))
			.stream()
			.filter((request) -> !request.getUrl().equals(WireMockGateway.TOKEN_PATH))
			.map(LoggedRequest::getUrl)).containsExactlyInAnyOrder(BASE + "/", BASE + "/e1", BASE + "/e1/log");
	}

	@Test
	void idWithSlashIsEncodedAsOneSegment() {
		String encoded = BASE + "/a%2Fb%20c%2F..";
		wm.stubFor(get(urlEqualTo(encoded)).willReturn(okJson("{\"id\":\"a/b c/..\",\"status\":\"RUNNING\"}")));
		wm.stubFor(get(urlEqualTo(encoded + "/log")).willReturn(okJson("[]")));
		wm.stubFor(put(urlEqualTo(encoded + "/cancel")).willReturn(okJson("{\"status\":\"CANCELLED\"}")));

		assertThat(this.client.api().getStatus("a/b c/..").id()).isEqualTo("a/b c/..");
		assertThat(this.client.api().getLogs("a/b c/..")).isEmpty();
		assertThat(this.client.api().cancelExecution("a/b c/..").status()).isEqualTo(ServiceExecutionStatus.CANCELLED);

		assertThat(gatewayUrls()).containsExactly(encoded, encoded + "/log", encoded + "/cancel");
	}

	@Test
	void dotDotIdIsEncodedSoItCannotClimbOutOfTheEndpoint() {
		wm.stubFor(get(urlEqualTo(BASE + "/%2E%2E")).willReturn(okJson("{\"status\":\"RUNNING\"}")));

		assertThat(this.client.api().getStatus("..").status()).isEqualTo(ServiceExecutionStatus.RUNNING);

		assertThat(gatewayUrls()).containsExactly(BASE + "/%2E%2E");
	}

	@ParameterizedTest
	@org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = { ". | %2E", "a?b#c | a%3Fb%23c",
			"50% | 50%25", "ü-€ | %C3%BC-%E2%82%AC", "a+b;c=d | a+b;c=d", "%2F | %252F" })
	void reservedCharactersInIdsAreEncodedAndNeverReinterpreted(String id, String encoded) {
		wm.stubFor(get(urlEqualTo(BASE + "/" + encoded + "/result")).willReturn(okJson("{\"ok\":true}")));

		assertThat(this.client.api().getResult(id).properties()).containsEntry("ok", true);

		assertThat(gatewayUrls()).containsExactly(BASE + "/" + encoded + "/result");
	}

	@Test
	void resultFileNameWithSlashSpacesAndDotDotIsEncodedAsOneSegment() throws Exception {
		String encoded = BASE + "/e1/result/..%2Fsub%20dir%2Fplot%20final.png";
		wm.stubFor(get(urlEqualTo(encoded)).willReturn(
				aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(new byte[] { 1, 2, 3 })));

		try (var stream = this.client.api().getResultFile("e1", "../sub dir/plot final.png")) {
			assertThat(stream.readAllBytes()).containsExactly(1, 2, 3);
		}

		assertThat(gatewayUrls()).containsExactly(encoded);
	}

	@Test
	void reactiveOperationsSendTheSameRequests() {
		wm.stubFor(get(urlEqualTo(BASE + "/")).willReturn(okJson("[" + EXECUTION_JSON + "]")));
		wm.stubFor(post(urlEqualTo(BASE + "/")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withHeader("Location", wm.baseUrl() + BASE + "/" + ID)
			.withBody(EXECUTION_JSON)));
		wm.stubFor(get(urlEqualTo(BASE + "/" + ID)).willReturn(okJson(EXECUTION_JSON)));
		wm.stubFor(get(urlEqualTo(BASE + "/" + ID + "/result")).willReturn(okJson("{\"sum\":1}")));
		wm.stubFor(get(urlEqualTo(BASE + "/" + ID + "/log"))
			.willReturn(okJson("[{\"message\":\"m\",\"severity\":\"INFO\"}]")));
		wm.stubFor(put(urlEqualTo(BASE + "/" + ID + "/cancel")).willReturn(okJson(EXECUTION_JSON)));
		wm.stubFor(get(urlEqualTo(BASE + "/" + ID + "/result/out.txt"))
			.willReturn(aResponse().withStatus(200).withBody("hello")));
		ReactiveServiceApiClient reactive = this.client.api().reactive();

		StepVerifier.create(reactive.getServiceExecutions())
			.assertNext((list) -> assertFullExecution(list.get(0)))
			.verifyComplete();
		StepVerifier.create(reactive.startExecution(Map.of("shots", 5)))
			.assertNext(this::assertFullExecution)
			.verifyComplete();
		StepVerifier.create(reactive.getStatus(ID)).assertNext(this::assertFullExecution).verifyComplete();
		StepVerifier.create(reactive.getResult(ID))
			.assertNext((result) -> assertThat(result.properties()).containsExactly(Map.entry("sum", 1)))
			.verifyComplete();
		StepVerifier.create(reactive.getLogs(ID))
			.assertNext((logs) -> assertThat(logs).containsExactly(new LogEntry("m", LogEntrySeverity.INFO, null)))
			.verifyComplete();
		StepVerifier.create(reactive.cancelExecution(ID)).assertNext(this::assertFullExecution).verifyComplete();
		StepVerifier
			.create(reactive.getResultFile(ID, "out.txt")
				.map((buffer) -> buffer.toString(java.nio.charset.StandardCharsets.UTF_8))
				.reduce(String::concat))
			.expectNext("hello")
			.verifyComplete();

		wm.verify(postRequestedFor(urlEqualTo(BASE + "/")).withHeader("Authorization", equalTo("Bearer t1"))
			.withHeader("Content-Type", containing("application/json"))
			.withRequestBody(equalToJson("{\"shots\":5}")));
		wm.verify(putRequestedFor(urlEqualTo(BASE + "/" + ID + "/cancel")).withHeader("Content-Type", absent()));
		assertThat(gatewayUrls()).containsExactly(BASE + "/", BASE + "/", BASE + "/" + ID, BASE + "/" + ID + "/result",
				BASE + "/" + ID + "/log", BASE + "/" + ID + "/cancel", BASE + "/" + ID + "/result/out.txt");
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))
			.stream()
			.filter((request) -> !request.getUrl().equals(WireMockGateway.TOKEN_PATH))
			.map((request) -> request.getHeader("Authorization"))).containsOnly("Bearer t1");
	}

	/**
	 * Raw (still percent-encoded) URLs the gateway received, oldest first, without token
	 * requests.
	 */
	private static List<String> gatewayUrls() {
		List<String> urls = new java.util.ArrayList<>(wm.findAll(anyRequestedFor(anyUrl()))
			.stream()
			.map(LoggedRequest::getUrl)
			.filter((url) -> !url.equals(WireMockGateway.TOKEN_PATH))
			.toList());
		return urls;
	}

	private void assertFullExecution(ServiceExecution execution) {
		assertThat(execution.id()).isEqualTo(ID);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(execution.type()).isEqualTo(ServiceExecutionType.MANAGED);
		assertThat(execution.createdAt()).isEqualTo(Instant.parse("2022-01-01T22:38:08Z"));
		assertThat(execution.startedAt()).isEqualTo(Instant.parse("2022-01-01T22:39:08Z"));
		assertThat(execution.endedAt()).isEqualTo(Instant.parse("2025-10-10T08:23:26.452335419Z"));
		assertThat(execution.serviceId()).isEqualTo("svc-1");
		assertThat(execution.serviceDefinitionId()).isEqualTo("def-1");
		assertThat(execution.applicationId()).isEqualTo("app-1");
		assertThat(execution.tags()).containsExactly("a", "b");
	}

}
