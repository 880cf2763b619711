package io.qhub.it;

import java.time.Duration;
import java.util.Map;

import io.qhub.autoconfigure.HubServiceAutoConfiguration;
import io.qhub.autoconfigure.HubServiceConnectionDetails;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.testcontainers.LocalHubGatewayContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Testcontainers {@code @ServiceConnection} on a {@link LocalHubGatewayContainer}: the
 * auto-configured clients connect to the container (endpoint, token endpoint, key pair)
 * without a single {@code qhub.service.*} property, through
 * {@link HubServiceConnectionDetails}. Skipped when no container engine is available.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "qhub.service.call-timeout=20s")
@Testcontainers(disabledWithoutDocker = true)
class LocalGatewayServiceConnectionIntegrationTests {

	@Container
	@ServiceConnection
	static final LocalHubGatewayContainer gateway = new LocalHubGatewayContainer().withAccessKey("sc-id", "sc-secret")
		.withServicePath("/acme/service-connection/1.0.0");

	@Autowired
	HubServiceClient client;

	@Autowired
	ReactiveHubServiceClient reactive;

	@Autowired
	HubServiceConnectionDetails details;

	@Test
	void theClientsConnectToTheContainerWithoutProperties() {
		assertThat(this.details.getServiceEndpoint()).isEqualTo(gateway.serviceEndpoint());
		assertThat(this.client.serviceEndpoint()).isEqualTo(gateway.serviceEndpoint());
		assertThat(this.client.isAnonymous()).isFalse();
		assertThat(this.client.reactive()).isSameAs(this.reactive);

		HubServiceExecution execution = this.client.run(Map.of("shots", 3));

		assertThat(execution.waitForFinalState(Duration.ofSeconds(30)).status())
			.isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(execution.result().properties()).containsEntry("shots", 3);
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(HubServiceAutoConfiguration.class)
	static class Application {

	}

}
