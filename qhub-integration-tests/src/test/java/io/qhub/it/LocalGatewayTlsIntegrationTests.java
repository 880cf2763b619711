package io.qhub.it;

import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @AutoConfigureLocalHubGateway(tls = true)}: the gateway serves HTTPS with a
 * certificate generated for the context, and the client trusts it only through the Spring
 * Boot SSL bundle the annotation defines; the whole flow (token exchange, submit, poll,
 * result) runs over TLS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@AutoConfigureLocalHubGateway(tls = true, pendingMillis = 0, runMillis = 50)
class LocalGatewayTlsIntegrationTests {

	@Autowired
	HubServiceClient client;

	@Autowired
	LocalHubGateway gateway;

	@Autowired
	SslBundles bundles;

	@Test
	void theWholeFlowRunsOverTlsWithTheBundle() {
		assertThat(this.client.serviceEndpoint()).startsWith("https://127.0.0.1:");
		assertThat(this.bundles.getBundleNames()).contains("local-hub-gateway");

		HubServiceExecution execution = this.client.run(Map.of("circuit", "tls"));

		assertThat(execution.waitForFinalState(Duration.ofSeconds(10)).status())
			.isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(execution.result().properties()).containsEntry("circuit", "tls");
		assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TlsApplication {

	}

}
