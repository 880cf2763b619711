package io.qhub.docs.configuration;

import java.util.Map;

import io.qhub.autoconfigure.HubServiceClients;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Pipeline} with two services, {@code qhub.service} and
 * {@code qhub.services.optimizer}, both served by the local gateway: the optimizer
 * inherits the key pair and token endpoint, and is a client of its own (its own token).
 */
@Import(Pipeline.class)
@SpringBootTest(properties = "qhub.services.optimizer.endpoint=${qhub.service.endpoint}")
@AutoConfigureLocalHubGateway(runMillis = 50)
class PipelineTests {

	@Autowired
	Pipeline pipeline;

	@Autowired
	HubServiceClients all;

	@Autowired
	@Qualifier("optimizer")
	HubServiceClient optimizer;

	@Autowired
	LocalHubGateway gateway;

	@BeforeEach
	void forgetEarlierCalls() {
		this.gateway.resetRecording();
	}

	@Test
	void eachServiceIsAClientOfItsOwn() {
		ResultResponse optimized = this.pipeline.simulateThenOptimize(10);

		// the echo service returns its input: the simulator's result, sent on as "counts"
		assertThat(optimized.properties().get("counts")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("shots", 10);
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(2);
		assertThat(this.gateway.issuedTokens())
			.as("the simulator and the optimizer are two clients, each with its own token")
			.hasSize(2);
	}

	@Test
	void servicesByName() {
		assertThat(this.all.names()).containsExactlyInAnyOrder("default", "optimizer");
		assertThat(this.all.get("optimizer")).isSameAs(this.optimizer);
		assertThat(this.optimizer.serviceName()).isEqualTo("optimizer");

		ResultResponse result = this.pipeline.runOn("optimizer", Map.of("shots", 3));

		assertThat(result.properties()).containsEntry("shots", 3);
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
	}

}
