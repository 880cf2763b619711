package io.qhub.docs.configuration;

import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiretap customizer of {@link WiretapConfiguration} is applied to the
 * auto-configured client: with Reactor Netty's client logger at DEBUG, the bytes of every
 * exchange with the gateway are logged.
 */
@Import(WiretapConfiguration.class)
@SpringBootTest(properties = "logging.level.reactor.netty.http.client.HttpClient=DEBUG")
@AutoConfigureLocalHubGateway
@ExtendWith(OutputCaptureExtension.class)
class WiretapConfigurationTests {

	@Autowired
	HubServiceClient client;

	@Autowired
	LocalHubGateway gateway;

	@Test
	void theWiretapLogsTheTraffic(CapturedOutput output) {
		this.client.run(Map.of("shots", 1)).waitForFinalState(Duration.ofSeconds(10));

		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		assertThat(output.getOut()).contains("http.client.HttpClient")
			.contains("] WRITE: ")
			.contains("] READ: ")
			.contains("|POST /token HTTP|");
	}

}
