package io.qhub.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's plain-Java quick start, copied verbatim into {@link #quickStart},
 * against the local gateway with a real token exchange. If the README snippet stops
 * compiling or working, copy it here again and this test says so.
 */
class ReadmeQuickStartTests {

	// ---- verbatim from README.md, "Quick start / Plain Java" ----
	static void quickStart(String endpoint, String tokenEndpoint, String accessKeyId, String secretAccessKey,
			Path downloads) {
		// endpoint: e.g. https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0
		// tokenEndpoint: https://gateway.hub.kipu-quantum.com/token unless set
		// accessKeyId and secretAccessKey: both, or neither for a local gateway
		try (HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(endpoint)
			.tokenEndpoint(tokenEndpoint)
			.accessKeyId(accessKeyId)
			.secretAccessKey(secretAccessKey)
			.build()) {
			HubServiceExecution execution = client.run(Map.of("values", List.of(2), "shots", 100));
			execution.waitForFinalState(Duration.ofMinutes(5));
			System.out.println("Finished at " + execution.endedAt() + " with status " + execution.status());
			ResultResponse result = execution.result();
			System.out.println("Result: " + result.properties());
			for (String name : execution.resultFiles()) {
				System.out.println("Downloaded " + execution.downloadResultFile(name, downloads));
			}
			for (LogEntry entry : execution.logs()) {
				System.out.println(entry.severity() + " " + entry.message());
			}
		}
	}
	// ---- end of README snippet ----

	@Test
	void readmeHoldsTheSnippetThisTestRuns() throws Exception {
		String source = Files.readString(Path.of("src/test/java/io/qhub/it/ReadmeQuickStartTests.java"));
		String snippet = source.substring(source.indexOf("// ---- verbatim"), source.indexOf("// ---- end"));
		String readme = Files.readString(Path.of("../README.md"));
		List<String> lines = snippet.lines().skip(1).map(String::strip).filter((line) -> !line.isEmpty()).toList();
		assertThat(lines).hasSizeGreaterThan(15);
		List<String> readmeLines = readme.lines().map(String::strip).toList();
		assertThat(readmeLines).as("README.md plain-Java quick start").containsSubsequence(lines);
	}

	@Test
	void quickStartRunsAsWritten(@TempDir Path downloads) throws Exception {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		try (LocalHubGateway gateway = LocalHubGateway.builder().accessKey("readme-id", "readme-secret").start()) {
			System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
			try {
				quickStart(gateway.serviceEndpoint(), gateway.tokenEndpoint(), "readme-id", "readme-secret", downloads);
			}
			finally {
				System.setOut(original);
			}
			String output = captured.toString(StandardCharsets.UTF_8);
			assertThat(output).contains("with status SUCCEEDED")
				.contains("Result: {")
				.contains("shots=100")
				.contains("values=[2]")
				.contains("Downloaded ")
				.contains("INFO Done");
			assertThat(Files.readString(downloads.resolve("echo.json"))).contains("\"shots\":100");
			assertThat(gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
			assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		}
	}

}
