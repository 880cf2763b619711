package io.qhub.docs.testing;

import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

// tag::slice[]
@WebMvcTest(ExecutionController.class)
@AutoConfigureLocalHubGateway
class ExecutionControllerSliceTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	LocalHubGateway gateway;

	@Test
	void submits() {
		assertThat(this.mvc.post().uri("/executions").contentType(MediaType.APPLICATION_JSON).content("{\"shots\":1}"))
			.hasStatus(HttpStatus.CREATED);
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
	}

}
// end::slice[]
