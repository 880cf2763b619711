package io.qhub.docs.gettingstarted;

import java.nio.file.Files;
import java.nio.file.Path;

import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the plain-Java quick start ({@link PlainJavaQuickStart#quickStart}) as written,
 * against a local gateway with a real token exchange.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlainJavaQuickStartTests {

	@Test
	void quickStartRunsAsWritten(@TempDir Path downloads, CapturedOutput output) throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().accessKey("readme-id", "readme-secret").start()) {
			PlainJavaQuickStart.quickStart(gateway.serviceEndpoint(), gateway.tokenEndpoint(), "readme-id",
					"readme-secret", downloads);

			assertThat(output.getOut()).contains("with status SUCCEEDED")
				.contains("Result: {")
				.contains("shots=100")
				.contains("values=[2]")
				.contains("Downloaded " + downloads.resolve("echo.json"))
				.contains("INFO Done");
			assertThat(Files.readString(downloads.resolve("echo.json"))).contains("\"shots\":100");
			assertThat(gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
			assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		}
	}

}
