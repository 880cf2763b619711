package io.qhub.sample;

import io.qhub.service.client.HubServiceClient;
import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @WebMvcTest} slice of the controller with
 * {@link AutoConfigureLocalHubGateway}: the slice leaves the application's
 * auto-configuration out, the annotation brings the Hub clients' back, so the controller
 * gets a real {@link HubServiceClient} talking to the test's gateway (token exchange
 * included).
 */
@WebMvcTest(controllers = ExecutionController.class, properties = "sample.embedded-gateway.enabled=false")
@AutoConfigureLocalHubGateway
class ExecutionControllerSliceTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	LocalHubGateway gateway;

	@Test
	void controllerSubmitsThroughTheAutoConfiguredClient() {
		MvcTestResult created = this.mvc.post()
			.uri("/executions")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"circuit\":\"bell\"}")
			.exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
		assertThat(this.gateway.requests(GatewayOperation.START_EXECUTION).get(0).body())
			.contains("\"circuit\":\"bell\"");
	}

	@Test
	void unknownExecutionIsNotFound() {
		assertThat(this.mvc.get().uri("/executions/{id}", "no-such-id")).hasStatus(HttpStatus.NOT_FOUND);
	}

}
