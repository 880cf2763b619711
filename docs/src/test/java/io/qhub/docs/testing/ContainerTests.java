package io.qhub.docs.testing;

import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.testcontainers.LocalHubGatewayContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

// tag::container[]
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class ContainerTests {

	@Container
	@ServiceConnection
	static LocalHubGatewayContainer gateway = new LocalHubGatewayContainer().withAccessKey("id", "secret");

	@Autowired
	HubServiceClient client;

	@Test
	void runsInTheContainer() {
		HubServiceExecution execution = this.client.run(Map.of("shots", 3));
		assertThat(execution.waitForFinalState(Duration.ofSeconds(30)).status())
			.isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(execution.result().properties()).containsEntry("shots", 3);
	}

}
// end::container[]
