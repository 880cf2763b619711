package io.qhub.sample;

import java.nio.file.Files;
import java.nio.file.Path;

import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a web server ({@code spring.main.web-application-type=none}) the client still
 * works: the demo runs the whole flow against the embedded gateway on start. Its output
 * shows each step and never a secret value.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.main.web-application-type=none", "sample.demo.enabled=true",
				"sample.demo.ibm-token=very-secret-token-4711", "sample.embedded-gateway.pending=1s",
				"sample.embedded-gateway.run=100ms", "qhub.service.polling.initial-interval=50ms",
				"qhub.service.polling.max-interval=200ms" })
class NonWebDemoTests {

	@TempDir
	static Path results;

	@DynamicPropertySource
	static void resultsDirectory(DynamicPropertyRegistry registry) {
		registry.add("sample.demo.results-dir", () -> results.resolve("results").toString());
	}

	@Autowired
	ApplicationContext context;

	@Test
	void demoRunsTheWholeFlowWithoutAWebServer(CapturedOutput output) throws Exception {
		assertThat(this.context).isNotInstanceOf(WebApplicationContext.class);
		assertThat(this.context.getBeanNamesForType(ExecutionController.class)).isEmpty();

		assertThat(output.getOut())
			.contains("[1] Submitting {circuit=bell, shots=100} with RunOptions[secrets=[ibmToken], "
					+ "tags=[sample-app, demo]")
			.contains("status SUCCEEDED")
			.contains("[4] Result files: [echo.json]")
			.contains("[5] Logs (2 entries)")
			.contains("cancel requested, status CANCELLED")
			.contains("final status CANCELLED")
			.contains("=== Demo finished.")
			.doesNotContain("very-secret-token-4711")
			.doesNotContain("Demo failed");
		Path echo = results.resolve("results").resolve("echo.json");
		assertThat(Files.readString(echo)).contains("\"circuit\":\"bell\"").doesNotContain("very-secret-token-4711");
		LocalHubGateway gateway = this.context.getBean(LocalHubGateway.class);
		assertThat(gateway.requests(GatewayOperation.START_EXECUTION)).first()
			.satisfies((start) -> assertThat(start.body())
				.contains("\"$secrets\":{\"ibmToken\":\"very-secret-token-4711\"}")
				.contains("\"$tags\":[\"sample-app\",\"demo\",\"qhub-submission-key:"));
		assertThat(gateway.callCount(GatewayOperation.CANCEL_EXECUTION)).isEqualTo(1);
		assertThat(gateway.callCount(GatewayOperation.TOKEN)).isGreaterThanOrEqualTo(1);
	}

}
