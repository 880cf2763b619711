package io.qhub.docs.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FromPython}, every step against a local gateway (echo service, real token
 * exchange, executions running for 1 s so that the cancelled one is still running).
 */
@ExtendWith(OutputCaptureExtension.class)
class FromPythonTests {

	@Test
	void basicFlow(@TempDir Path downloads, CapturedOutput output) throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.accessKey("py-id", "py-secret")
			.timing(Duration.ZERO, Duration.ofSeconds(1))
			.start()) {
			FromPython.basicFlow(gateway.serviceEndpoint(), gateway.tokenEndpoint(), "py-id", "py-secret", downloads);

			String out = output.getOut();
			assertThat(out).contains("with status SUCCEEDED")
				.contains("Result: {")
				.contains("shots=100")
				.contains("values=[2]")
				.doesNotContain("ibmToken")
				.contains("Downloaded " + downloads.resolve("echo.json"))
				.contains("INFO ")
				.contains(" is CANCELLED")
				.contains("By id: ")
				.contains("Listed: ");
			assertThat(out.lines().filter((line) -> line.startsWith("Listed: "))).hasSize(2);
			assertThat(Files.readString(downloads.resolve("echo.json"))).contains("\"shots\":100");
			assertThat(gateway.requests(GatewayOperation.START_EXECUTION).get(0).body())
				.contains("\"$secrets\":{\"ibmToken\":\"...\"}")
				.contains("\"$tags\":[\"nightly\",\"qhub-submission-key:");
			assertThat(gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
			assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(2);
			assertThat(gateway.callCount(GatewayOperation.CANCEL_EXECUTION)).isEqualTo(1);
			assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
		}
	}

	@Test
	void grants() {
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.accessKey("py-id", "py-secret")
			.platformApiKey("py-platform-key")
			.timing(Duration.ZERO, Duration.ofMillis(100))
			.start()) {
			HubServiceExecution execution = FromPython.grants(gateway.serviceEndpoint(), gateway.tokenEndpoint(),
					"py-id", "py-secret", gateway.platformEndpoint(), "py-platform-key", "py-organization");

			assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			assertThat(gateway.callCount(GatewayOperation.DATA_POOL_GRANT)).isEqualTo(1);
			assertThat(gateway.requests(GatewayOperation.DATA_POOL_GRANT).get(0).body()).contains("\"dp-abc123\"")
				.contains("\"VIEW\"");
			assertThat(gateway.requests(GatewayOperation.START_EXECUTION).get(0).body())
				.contains("\"input_data\":{\"id\":\"dp-abc123\",\"ref\":\"DATAPOOL\",\"grant\":\"");
		}
	}

}
