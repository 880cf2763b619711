package io.qhub.docs.gettingstarted;

import java.util.List;

import io.qhub.service.client.model.ResultResponse;
import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Boot quick start's {@link Simulations}, with the auto-configured client
 * talking to a local gateway (echo service, real token exchange).
 */
@SpringBootTest
@AutoConfigureLocalHubGateway
class SimulationsTests {

	@Autowired
	Simulations simulations;

	@Autowired
	LocalHubGateway gateway;

	@Test
	void simulatesThroughTheAutoConfiguredClient() {
		ResultResponse result = this.simulations.simulate(100);

		assertThat(result.properties()).containsEntry("shots", 100).containsEntry("values", List.of(2));
		assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		assertThat(this.gateway.callCount(GatewayOperation.GET_RESULT)).isEqualTo(1);
	}

}
