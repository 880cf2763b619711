package io.qhub.sample;

import java.util.List;
import java.util.Map;

import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API against a gateway started by {@link AutoConfigureLocalHubGateway}: submit,
 * status, result, logs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo.enabled=false", "sample.embedded-gateway.enabled=false" })
@AutoConfigureLocalHubGateway
class ExecutionsRestTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	@Autowired
	LocalHubGateway gateway;

	RestTestClient rest;

	@BeforeEach
	void setUp() {
		this.rest = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void progressSaysWhenAnExecutionIsExpectedToEndOnceOneWasSeenFinal() {
		String first = submit();
		this.rest.get().uri("/executions/{id}/result", first).exchange().expectStatus().isOk();
		String second = submit();

		this.rest.get()
			.uri("/executions/{id}/progress", second)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(second)
			.jsonPath("$.elapsedMillis")
			.isNumber()
			.jsonPath("$.expectedEnd")
			.isNotEmpty()
			.jsonPath("$.remainingMillis")
			.isNumber();
	}

	private String submit() {
		EntityExchangeResult<Map<String, Object>> created = this.rest.post()
			.uri("/executions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("circuit", "ghz", "shots", 1))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JSON_OBJECT)
			.returnResult();
		return (String) created.getResponseBody().get("id");
	}

	@Test
	void submitThenStatusResultAndLogs() {
		EntityExchangeResult<Map<String, Object>> created = this.rest.post()
			.uri("/executions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("circuit", "ghz", "shots", 42))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JSON_OBJECT)
			.returnResult();
		String id = (String) created.getResponseBody().get("id");
		assertThat(created.getResponseBody()).containsEntry("status", "PENDING").containsKey("createdAt");
		assertThat(created.getResponseHeaders().getLocation()).hasPath("/executions/" + id);
		RecordedRequest start = last(this.gateway.requests(GatewayOperation.START_EXECUTION));
		assertThat(start.body()).contains("\"circuit\":\"ghz\"").contains("\"shots\":42");
		assertThat(this.gateway.status(id)).isNotNull();

		this.rest.get()
			.uri("/executions/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.status")
			.value((status) -> assertThat(status).isIn("PENDING", "RUNNING", "SUCCEEDED"));

		this.rest.get()
			.uri("/executions/{id}/result", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.status")
			.isEqualTo("SUCCEEDED")
			.jsonPath("$.output.circuit")
			.isEqualTo("ghz")
			.jsonPath("$.output.shots")
			.isEqualTo(42)
			.jsonPath("$.files")
			.isEqualTo(List.of("echo.json"));

		this.rest.get()
			.uri("/executions/{id}/logs", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(2)
			.jsonPath("$[0].message")
			.isEqualTo("Received 3 parameter(s)")
			.jsonPath("$[0].severity")
			.isEqualTo("INFO")
			.jsonPath("$[1].message")
			.isEqualTo("Done");
	}

	@Test
	void unknownExecutionGives404() {
		long statusCalls = this.gateway.callCount(GatewayOperation.GET_STATUS);
		this.rest.get().uri("/executions/no-such-id").exchange().expectStatus().isNotFound();
		this.rest.get().uri("/executions/no-such-id/result").exchange().expectStatus().isNotFound();
		this.rest.get().uri("/executions/no-such-id/logs").exchange().expectStatus().isNotFound();
		this.rest.post().uri("/executions/no-such-id/cancel").exchange().expectStatus().isNotFound();
		assertThat(this.gateway.callCount(GatewayOperation.GET_STATUS)).isEqualTo(statusCalls + 2);
	}

	@Test
	void gatewayErrorOtherThan404Gives502() {
		this.gateway.inject(io.qhub.test.gateway.InjectedFault.status(GatewayOperation.GET_LOGS, 403, null, 1));
		this.rest.get()
			.uri("/executions/any-id/logs")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.hubStatus")
			.isEqualTo(403);
	}

	private static RecordedRequest last(List<RecordedRequest> requests) {
		assertThat(requests).isNotEmpty();
		return requests.get(requests.size() - 1);
	}

}
