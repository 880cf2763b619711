package io.qhub.docs.testing;

// tag::spring-boot-test[]
import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureLocalHubGateway(runMillis = 100)
class CheckoutTests {

	@Autowired
	HubServiceClient client;

	@Autowired
	LocalHubGateway gateway;

	@Test
	void runsOnce() {
		this.client.run(Map.of("shots", 10)).waitForFinalState(Duration.ofSeconds(10));
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
	}

}
// end::spring-boot-test[]
