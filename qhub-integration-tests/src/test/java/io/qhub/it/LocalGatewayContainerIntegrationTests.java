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
import io.qhub.service.core.HubTokenException;
import io.qhub.test.testcontainers.LocalHubGatewayContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The standalone gateway jar, resolved by this module's build as any project would
 * resolve it ({@code io.qhub:qhub-spring-boot-test:<version>:jar:standalone}), in a
 * {@link LocalHubGatewayContainer} (built from {@code eclipse-temurin:17-jre}), driven by
 * {@link HubServiceClient} over the mapped port with a real token exchange. Skipped when
 * no container engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalGatewayContainerIntegrationTests {

	private static final Path GATEWAY_JAR = Path.of("target", "standalone-gateway", "qhub-local-gateway-standalone.jar")
		.toAbsolutePath();

	private static final String KEY_ID = "container-key-id";

	private static final String SECRET = "container-secret";

	@Container
	static final LocalHubGatewayContainer gateway = new LocalHubGatewayContainer(GATEWAY_JAR).withAccessKey(KEY_ID,
			SECRET);

	private HubServiceClient client;

	@BeforeEach
	void createClient() {
		this.client = HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.tokenEndpoint(gateway.tokenEndpoint())
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
		assertThat(last.tags()).hasSize(2).first().isEqualTo("container");
		assertThat(last.tags().get(1)).startsWith(RunOptions.SUBMISSION_KEY_TAG_PREFIX);
		assertThat(last.endedAt()).isNotNull();

		ResultResponse result = execution.result();
		assertThat(result.properties()).containsEntry("circuit", "bell")
			.containsEntry("shots", 100)
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
		try (HubServiceClient wrong = HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.tokenEndpoint(gateway.tokenEndpoint())
			.accessKeyId(KEY_ID)
			.secretAccessKey("wrong-secret")
			.build()) {
			assertThatExceptionOfType(HubTokenException.class).isThrownBy(wrong::checkCredentials);
		}
	}

}
