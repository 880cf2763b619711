package io.qhub.sample;

import java.util.Map;

import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancel over REST, on a gateway whose executions run for ten minutes unless cancelled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo.enabled=false", "sample.embedded-gateway.enabled=false",
				"sample.rest.result-timeout=100ms" })
@AutoConfigureLocalHubGateway(pendingMillis = 0, runMillis = 600_000)
class CancelRestTests {

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
	void cancelStopsARunningExecution() {
		String id = submit();
		assertThat(this.gateway.status(id)).isEqualTo("RUNNING");

		this.rest.post()
			.uri("/executions/{id}/cancel", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");

		assertThat(this.gateway.status(id)).isEqualTo("CANCELLED");
		assertThat(this.gateway.requests(GatewayOperation.CANCEL_EXECUTION)).last()
			.satisfies((request) -> assertThat(request.method()).isEqualTo("PUT"));
		this.rest.get()
			.uri("/executions/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
	}

	@Test
	void resultOfAnExecutionStillRunningGives409() {
		String id = submit();

		this.rest.get().uri("/executions/{id}/result", id).exchange().expectStatus().isEqualTo(409);

		assertThat(this.gateway.status(id)).isEqualTo("RUNNING");
		assertThat(this.gateway.callCount(GatewayOperation.GET_RESULT)).isZero();
	}

	private String submit() {
		return this.rest.post()
			.uri("/executions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("problem", "max-cut"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
	}

}
