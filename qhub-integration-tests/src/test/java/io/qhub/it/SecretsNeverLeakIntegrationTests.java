package io.qhub.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.datapool.DataPoolGrant;
import io.qhub.service.datapool.DataPoolReference;
import io.qhub.service.datapool.HubPlatformClient;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Runs every flow at DEBUG logging with recognisable secrets — the secret access key, the
 * platform API key, the gateway token, a grant JWT and a {@code $secrets} value — and
 * checks that none of them appears in any captured log line, in any exception message, or
 * in the {@code toString()} of any public type the flows touch.
 */
class SecretsNeverLeakIntegrationTests {

	private static final String SECRET_ACCESS_KEY = "S3cr3t-Acc355-K3y-9f8e7d";

	private static final String API_KEY = "pat-API-K3Y-7788-abcd";

	private static final String SECRETS_VALUE = "ibm-secret-value-5551212";

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

	private Level previousLevel;

	private final List<String> tokensSeen = new CopyOnWriteArrayList<>();

	@BeforeEach
	void captureDebugLogs() {
		this.previousLevel = this.root.getLevel();
		this.root.setLevel(Level.DEBUG);
		this.logs.start();
		this.root.addAppender(this.logs);
	}

	@AfterEach
	void restoreLogging() {
		this.root.detachAppender(this.logs);
		this.root.setLevel(this.previousLevel);
	}

	@Test
	void noSecretAppearsInLogsMessagesOrToString(@TempDir Path downloads) {
		List<String> shown = new ArrayList<>();
		List<String> grants = new ArrayList<>();
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.accessKey("leak-id", SECRET_ACCESS_KEY)
			.platformApiKey(API_KEY)
			.timing(Duration.ZERO, Duration.ofMillis(100))
			.start()) {
			HubPlatformClient platform = HubPlatformClient.builder()
				.apiKey(API_KEY)
				.organizationId("org-1")
				.platformEndpoint(gateway.platformEndpoint())
				.build();
			try (HubServiceClient client = client(gateway, SECRET_ACCESS_KEY, platform)) {
				RunOptions options = RunOptions.none()
					.withSecrets(Map.of("ibmToken", SECRETS_VALUE))
					.withTags("leak-test")
					.withGrants(new DataPoolGrant("data", "dp-1", "app-1"));
				HubServiceExecution execution = client.run(Map.of("shots", 10), options);
				execution.waitForFinalState(Duration.ofSeconds(30));
				shown.add(execution.result().toString());
				for (String name : execution.resultFiles()) {
					execution.downloadResultFile(name, downloads);
				}
				shown.add(execution.logs().toString());
				HubServiceExecution second = client.run(Map.of("shots", 1), options);
				shown.add(second.cancel().toString());
				shown.addAll(List.of(client.toString(), platform.toString(), options.toString(), execution.toString(),
						execution.execution().toString(), client.api().toString(), client.reactive().toString()));
				gateway.revokeTokens();
				shown.add(client.api().getStatus(execution.id()).toString());
				gateway.inject(InjectedFault.status(GatewayOperation.GET_STATUS, 422, null, 1));
				shown.add(describe(catchThrowable(() -> client.api().getStatus(execution.id()))));
				gateway.requests(GatewayOperation.START_EXECUTION)
					.forEach((request) -> grants.add(grantIn(request.body())));
				shown.add(new DataPoolReference("dp-1", grants.get(0)).toString());
				this.tokensSeen.addAll(gateway.issuedTokens());
			}
			try (HubServiceClient wrongSecret = client(gateway, SECRET_ACCESS_KEY + "-wrong", platform)) {
				shown.add(describe(catchThrowable(() -> wrongSecret.api().getServiceExecutions())));
			}
			HubPlatformClient wrongKey = HubPlatformClient.builder()
				.apiKey(API_KEY + "-wrong")
				.platformEndpoint(gateway.platformEndpoint())
				.build();
			try (HubServiceClient client = client(gateway, SECRET_ACCESS_KEY, wrongKey)) {
				shown.add(describe(catchThrowable(() -> client.run(Map.of(),
						RunOptions.none().withGrants(new DataPoolGrant("data", "dp-2", "app-1"))))));
			}
		}
		List<String> secrets = new ArrayList<>(List.of(SECRET_ACCESS_KEY, API_KEY, SECRETS_VALUE));
		secrets.addAll(this.tokensSeen);
		secrets.addAll(grants);
		assertThat(this.tokensSeen).as("gateway tokens were captured").hasSizeGreaterThanOrEqualTo(2);
		assertThat(grants).as("grant JWTs were sent").isNotEmpty().allSatisfy((jwt) -> assertThat(jwt).contains("."));
		List<ILoggingEvent> events;
		synchronized (this.logs) {
			events = new ArrayList<>(this.logs.list);
		}
		List<String> logLines = events.stream().map(SecretsNeverLeakIntegrationTests::describe).toList();
		assertThat(logLines).as("DEBUG logging captured the flows").hasSizeGreaterThan(20);
		for (String secret : secrets) {
			assertThat(logLines).as("log lines").noneMatch((line) -> line.contains(secret));
			assertThat(shown).as("messages and toString()").noneMatch((text) -> text.contains(secret));
		}
	}

	private HubServiceClient client(LocalHubGateway gateway, String secret, HubPlatformClient platform) {
		return HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.tokenEndpoint(gateway.tokenEndpoint())
			.accessKeyId("leak-id")
			.secretAccessKey(secret)
			.platformClient(platform)
			.platformEnvironment(new PlatformEnvironment(Map.of(), Path.of("/nonexistent")))
			.build();
	}

	private static String grantIn(String startBody) {
		int at = startBody.indexOf("\"grant\":\"");
		return (at < 0) ? "" : startBody.substring(at + 9, startBody.indexOf('"', at + 9));
	}

	private static String describe(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getFormattedMessage());
		for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
			text.append(" | ").append(proxy.getClassName()).append(": ").append(proxy.getMessage());
		}
		return text.toString();
	}

	private static String describe(Throwable failure) {
		assertThat(failure).as("the flow was expected to fail").isNotNull();
		StringBuilder text = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			text.append(current).append(" | ");
			for (Throwable suppressed : current.getSuppressed()) {
				text.append(suppressed).append(" | ");
			}
		}
		return text.toString();
	}

}
