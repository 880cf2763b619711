package io.qhub.docs.client;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.ResultFile;
import io.qhub.test.gateway.ServiceOutcome;
import io.qhub.test.junit.LocalHubGatewayExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResultsFilesAndLogs}: the output field, the downloaded and the streamed file,
 * the log lines and the cancel, against a service that answers {@code sum} and a 1 KiB
 * {@code plot.png}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResultsFilesAndLogsTests {

	@RegisterExtension
	static LocalHubGatewayExtension gateway = Clients.gateway()
		.configure((builder) -> builder.timing(Duration.ZERO, Duration.ofMillis(100))
			.handler((request) -> ServiceOutcome.success(Map.of("sum", 42))
				.withFile("plot.png", ResultFile.generated(1024))))
		.build();

	@Test
	void readsResultFilesAndLogs(@TempDir Path results, CapturedOutput output) throws Exception {
		try (HubServiceClient hub = Clients.builder(gateway).build()) {
			HubServiceExecution execution = hub.run(Map.of("shots", 100));
			ByteArrayOutputStream streamed = new ByteArrayOutputStream();

			Object sum = ResultsFilesAndLogs.results(execution, results, streamed);

			assertThat(sum).isEqualTo(42);
			byte[] downloaded = Files.readAllBytes(results.resolve("plot.png"));
			assertThat(downloaded).hasSize(1024);
			assertThat(streamed.toByteArray()).isEqualTo(downloaded);
			assertThat(downloaded[1023]).isEqualTo(ResultFile.generatedByte(1023));
			assertThat(output.getOut()).contains("Downloaded " + results.resolve("plot.png"))
				.contains(" INFO Execution succeeded");
			assertThat(gateway.callCount(GatewayOperation.GET_RESULT)).isEqualTo(1);
			assertThat(gateway.callCount(GatewayOperation.GET_RESULT_FILE)).isEqualTo(2);
			assertThat(gateway.callCount(GatewayOperation.GET_LOGS)).isEqualTo(1);
			assertThat(gateway.callCount(GatewayOperation.CANCEL_EXECUTION)).isEqualTo(1);
		}
	}

}
