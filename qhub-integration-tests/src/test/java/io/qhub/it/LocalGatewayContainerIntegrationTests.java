package io.qhub.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone gateway jar ({@code qhub-spring-boot-test/target/qhub-local-gateway.jar}, built by the reactor's
 * package phase of that module) in a plain JRE container, driven by {@link HubServiceClient} over the mapped port
 * with a real token exchange. Skipped when no container engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalGatewayContainerIntegrationTests {

	private static final Path GATEWAY_JAR = Path.of("..", "qhub-spring-boot-test", "target", "qhub-local-gateway.jar")
		.toAbsolutePath()
		.normalize();

	private static final int PORT = 8081;

	private static final String KEY_ID = "container-key-id";

	private static final String SECRET = "container-secret";

	@Container
	static final GenericContainer<?> gateway = new GenericContainer<>("eclipse-temurin:17-jre")
		.withCopyFileToContainer(MountableFile.forHostPath(GATEWAY_JAR), "/gateway.jar")
		.withCommand("java", "-jar", "/gateway.jar", "--host", "0.0.0.0", "--port", String.valueOf(PORT),
				"--access-key-id", KEY_ID, "--secret-access-key", SECRET)
		.withExposedPorts(PORT)
		.waitingFor(Wait.forLogMessage(".*Local Hub gateway started.*\\n", 1).withStartupTimeout(Duration.ofMinutes(2)));

	private HubServiceClient client;

	@BeforeAll
	static void gatewayJarIsBuilt() {
		// Not an assumption: a missing jar means the build is wrong, not that the test does not apply.
		assertThat(GATEWAY_JAR).as("run the package phase of qhub-spring-boot-test first (./mvnw verify does)")
			.isRegularFile();
	}

	@BeforeEach
	void createClient() {
		String base = "http://" + gateway.getHost() + ":" + gateway.getMappedPort(PORT);
		this.client = HubServiceClient.builder()
			.serviceEndpoint(base + "/local/echo/1.0.0")
			.tokenEndpoint(base + "/token")
			.accessKeyId(KEY_ID)
			.secretAccessKey(SECRET)
			.build();
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void runWaitResultFilesDownloadAndLogs(@TempDir Path downloads) throws Exception {
		HubServiceExecution execution = this.client.run(Map.of("circuit", "bell", "shots", 100),
				RunOptions.none().withTags("container").withSecrets(Map.of("ibmToken", "not-echoed")));

		ServiceExecution last = execution.waitForFinalState(Duration.ofMinutes(1));
		assertThat(last.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(last.tags()).containsExactly("container");
		assertThat(last.endedAt()).isNotNull();

		ResultResponse result = execution.result();
		assertThat(result.properties()).containsEntry("circuit", "bell").containsEntry("shots", 100)
			.doesNotContainKey("$secrets");
		assertThat(execution.resultFiles()).contains("echo.json");

		Path file = execution.downloadResultFile("echo.json", downloads);
		assertThat(file).isEqualTo(downloads.resolve("echo.json"));
		assertThat(Files.readString(file)).contains("\"circuit\":\"bell\"").doesNotContain("not-echoed");

		List<LogEntry> logs = execution.logs();
		assertThat(logs).extracting(LogEntry::message).containsExactly("Received 4 parameter(s)", "Done");
	}

	@Test
	void wrongSecretIsRejectedByTheContainerizedTokenEndpoint() {
		String base = "http://" + gateway.getHost() + ":" + gateway.getMappedPort(PORT);
		try (HubServiceClient wrong = HubServiceClient.builder()
			.serviceEndpoint(base + "/local/echo/1.0.0")
			.tokenEndpoint(base + "/token")
			.accessKeyId(KEY_ID)
			.secretAccessKey("wrong-secret")
			.build()) {
			org.assertj.core.api.Assertions.assertThatExceptionOfType(io.qhub.service.client.HubTokenException.class)
				.isThrownBy(wrong::checkCredentials);
		}
	}

}
