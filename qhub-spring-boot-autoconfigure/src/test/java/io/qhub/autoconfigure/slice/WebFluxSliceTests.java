package io.qhub.autoconfigure.slice;

import java.util.Map;

import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureLocalHubGateway} in a {@code @WebFluxTest} slice: the slice
 * includes only WebFlux's auto-configuration, the annotation adds the Hub clients', so a
 * reactive controller gets the auto-configured {@link ReactiveHubServiceClient} pointed
 * at the test's gateway.
 */
@WebFluxTest(controllers = WebFluxSliceTests.ExecutionsController.class)
@AutoConfigureLocalHubGateway
class WebFluxSliceTests {

	@Autowired
	WebTestClient web;

	@Autowired
	LocalHubGateway gateway;

	@Test
	void reactiveControllerSubmitsThroughTheAutoConfiguredClient() {
		this.web.post()
			.uri("/executions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("circuit", "bell"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PENDING");
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		assertThat(this.gateway.requests(GatewayOperation.START_EXECUTION).get(0).body())
			.contains("\"circuit\":\"bell\"");
	}

	@SpringBootConfiguration
	@Import(ExecutionsController.class)
	static class SliceApplication {

	}

	@RestController
	static class ExecutionsController {

		private final ReactiveHubServiceClient client;

		ExecutionsController(ReactiveHubServiceClient client) {
			this.client = client;
		}

		@PostMapping("/executions")
		Mono<ServiceExecution> submit(@RequestBody Map<String, Object> request) {
			return this.client.run(request).map(ReactiveHubServiceExecution::execution);
		}

	}

}
