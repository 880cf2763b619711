package io.qhub.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample application, built with Spring AOT ({@code process-aot}), run as a
 * user would run it: {@code java -Dspring.aot.enabled=true -jar target/sample-app.jar}.
 * It starts from the generated bean definitions (the default and the named
 * {@code optimizer} client included), runs the demo flow against its embedded gateway and
 * serves the REST API and the health endpoint. Runs in Maven's {@code integration-test}
 * phase, after packaging.
 */
class SampleAotIT {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private final Path workDirectory = Path.of("target", "aot-run").toAbsolutePath();

	private final Path log = this.workDirectory.resolve("sample-app.log");

	private Process application;

	@BeforeEach
	void start() throws IOException {
		Files.createDirectories(this.workDirectory);
		Path jar = Path.of("target", "sample-app.jar").toAbsolutePath();
		assertThat(jar).exists();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.application = new ProcessBuilder(List.of(java, "-Dspring.aot.enabled=true", "-jar", jar.toString(),
				"--server.port=0", "--sample.demo.results-dir=" + this.workDirectory.resolve("results"),
				"--sample.embedded-gateway.pending=100ms", "--sample.embedded-gateway.run=200ms"))
			.directory(this.workDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.application.destroy();
		if (!this.application.waitFor(30, TimeUnit.SECONDS)) {
			this.application.destroyForcibly();
		}
	}

	@Test
	void theAotProcessedApplicationRunsTheFlowAndServesItsApi() throws Exception {
		int port = awaitPort();
		awaitLog("=== Demo finished.");
		String output = Files.readString(this.log);
		assertThat(output).contains("Starting AOT-processed SampleApplication")
			.contains("status SUCCEEDED")
			.doesNotContain("Demo failed")
			.doesNotContain("APPLICATION FAILED TO START");

		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> health = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"qhub\"").contains("\"default\"").contains("\"optimizer\"");

		HttpResponse<String> created = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/executions"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"circuit\":\"aot\"}", StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.body()).contains("\"status\":\"PENDING\"");
		System.out.println("AOT sample: started and served the flow; log at " + this.log);
	}

	private int awaitPort() throws Exception {
		Matcher port = PORT.matcher(awaitLog("Tomcat started on port"));
		assertThat(port.find()).isTrue();
		return Integer.parseInt(port.group(1));
	}

	private String awaitLog(String text) throws Exception {
		Instant deadline = Instant.now().plus(STARTUP);
		while (Instant.now().isBefore(deadline)) {
			String output = Files.exists(this.log) ? Files.readString(this.log) : "";
			if (output.contains(text)) {
				return output;
			}
			if (!this.application.isAlive()) {
				throw new AssertionError(
						"The application exited with " + this.application.exitValue() + ":\n" + output);
			}
			this.application.waitFor(200, TimeUnit.MILLISECONDS);
		}
		throw new AssertionError("No '" + text + "' within " + STARTUP + ":\n" + Files.readString(this.log));
	}

}
