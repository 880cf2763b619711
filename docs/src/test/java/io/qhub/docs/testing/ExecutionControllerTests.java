package io.qhub.docs.testing;

import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest of {@link ExecutionController} in a slice: status, cancel, logs, and the
 * gateway's 404 for an unknown id. Its executions run for 5 s (a context of its own), so
 * the cancel finds them running.
 */
@WebMvcTest(ExecutionController.class)
@AutoConfigureLocalHubGateway(runMillis = 5000)
class ExecutionControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	LocalHubGateway gateway;

	@BeforeEach
	void forgetEarlierCalls() {
		this.gateway.resetRecording();
	}

	@Test
	void readsCancelsAndReadsLogs() {
		String location = this.mvc.post()
			.uri("/executions")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"shots\":2}")
			.exchange()
			.getResponse()
			.getHeader("Location");
		assertThat(location).isNotNull();

		assertThat(this.mvc.get().uri(location)).hasStatusOk().bodyJson().extractingPath("$.id").isNotNull();
		assertThat(this.mvc.post().uri(location + "/cancel")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CANCELLED");
		assertThat(this.mvc.get().uri(location + "/logs")).hasStatusOk();
		assertThat(this.gateway.callCount(GatewayOperation.GET_STATUS)).isEqualTo(1);
		assertThat(this.gateway.callCount(GatewayOperation.CANCEL_EXECUTION)).isEqualTo(1);
		assertThat(this.gateway.callCount(GatewayOperation.GET_LOGS)).isEqualTo(1);
	}

	@Test
	void anUnknownExecutionIsNotFound() {
		assertThat(this.mvc.get().uri("/executions/{id}", "no-such-id")).hasStatus(HttpStatus.NOT_FOUND);
	}

}
