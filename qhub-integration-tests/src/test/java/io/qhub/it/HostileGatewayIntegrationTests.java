package io.qhub.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.qhub.service.client.ExecutionTimeoutException;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.datapool.DataPoolGrant;
import io.qhub.service.datapool.HubPlatformClient;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ServiceOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a server sends back can neither leak a secret nor redirect a wait: the fault
 * matrix of the hardening issue, through the real stack against {@link LocalHubGateway}'s
 * hostile faults (echoed credentials and secrets, foreign and missing ids, odd
 * {@code expires_in}, malformed links and timestamps), with every logger of the JVM (the
 * client's, Spring's, Reactor Netty's, Netty's) at TRACE. No secret may appear in a
 * message (causes included), a {@code toString()}, a response body or a log line.
 */
class HostileGatewayIntegrationTests {

	private static final String KEY_ID = "hostile-id";

	private static final String SECRET = "S3cr3t-H0st1le-Acc355-K3y";

	private static final String API_KEY = "pat-H0st1le-API-K3Y-4242";

	private static final String SECRETS_VALUE = "ibm-H0st1le-secret-31337";

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

	private Level previousLevel;

	private LocalHubGateway gateway;

	@BeforeEach
	void start() {
		this.previousLevel = this.root.getLevel();
		this.root.setLevel(Level.TRACE);
		this.logs.start();
		this.root.addAppender(this.logs);
		this.gateway = LocalHubGateway.builder()
			.accessKey(KEY_ID, SECRET)
			.platformApiKey(API_KEY)
			.timing(Duration.ZERO, Duration.ofMillis(50))
			.handler((request) -> ServiceOutcome.success(Map.of("sum", 42)))
			.start();
	}

	@AfterEach
	void stop() {
		this.gateway.close();
		this.root.detachAppender(this.logs);
		this.root.setLevel(this.previousLevel);
	}

	private HubServiceClientBuilder client() {
		return HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.tokenEndpoint(this.gateway.tokenEndpoint())
			.accessKeyId(KEY_ID)
			.secretAccessKey(SECRET)
			.platformEnvironment(new PlatformEnvironment(Map.of(), Path.of("/nonexistent")));
	}

	// --- 1. no secret leaves through a message
	// ---------------------------------------------------------------

	@Test
	void aTokenEndpointEchoingTheSecretAndTheBasicHeaderShowsNeither() {
		this.gateway.inject(InjectedFault.echo(GatewayOperation.TOKEN, 400));
		try (HubServiceClient client = client().build()) {
			Throwable failure = catchThrowable(client::checkCredentials);

			assertThat(failure).isInstanceOfSatisfying(HubTokenException.class, (ex) -> {
				assertThat(ex.errorCode()).contains("invalid_client");
				assertThat(ex.getMessage()).contains("rejected Basic <redacted>").contains("(hostile-id:<redacted>)");
			});
			assertNothingShows(List.of(describe(failure)), SECRET, basic(KEY_ID, SECRET));
		}
	}

	@Test
	void aGatewayEchoingSecretsValuesAndTheBearerTokenShowsNeither() {
		try (HubServiceClient client = client().build()) {
			HubServiceExecution execution = client.run(Map.of("shots", 1));
			String token = this.gateway.issuedTokens().iterator().next();
			this.gateway.inject(InjectedFault.echo(GatewayOperation.START_EXECUTION, 422));
			Throwable rejected = catchThrowable(() -> client.run(Map.of("shots", 2),
					RunOptions.none().withSecrets(Map.of("ibmToken", SECRETS_VALUE))));
			this.gateway.inject(InjectedFault.echo(GatewayOperation.GET_STATUS, 401).times(2));
			Throwable unauthorized = catchThrowable(execution::refresh);

			assertThat(rejected).isInstanceOfSatisfying(HubApiException.class, (ex) -> {
				assertThat(ex.statusCode()).isEqualTo(422);
				assertThat(ex.responseBody()).contains("<redacted>").contains("ibmToken");
			});
			assertThat(unauthorized).isInstanceOfSatisfying(HubApiException.class, (ex) -> {
				assertThat(ex.statusCode()).isEqualTo(401);
				assertThat(ex.responseBody()).contains("Bearer <redacted>");
			});
			assertNothingShows(List.of(describe(rejected), ((HubApiException) rejected).responseBody(),
					describe(unauthorized), ((HubApiException) unauthorized).responseBody()), SECRETS_VALUE, token,
					SECRET);
		}
	}

	@Test
	void aPlatformEchoingTheApiKeyAndAGatewayEchoingAGrantShowNeither() {
		HubPlatformClient platform = HubPlatformClient.builder()
			.apiKey(API_KEY)
			.platformEndpoint(this.gateway.platformEndpoint())
			.build();
		try (platform; HubServiceClient client = client().platformClient(platform).build()) {
			RunOptions grants = RunOptions.none().withGrants(new DataPoolGrant("data", "dp-1", "app-1"));
			client.run(Map.of(), grants);
			String jwt = grantIn(this.gateway.requests(GatewayOperation.START_EXECUTION).get(0).body());
			this.gateway.inject(InjectedFault.echo(GatewayOperation.START_EXECUTION, 400));
			Throwable echoedGrant = catchThrowable(() -> client.run(Map.of(), grants));
			this.gateway.inject(InjectedFault.echo(GatewayOperation.DATA_POOL_GRANT, 403));
			Throwable echoedKey = catchThrowable(() -> client.run(Map.of(),
					RunOptions.none().withGrants(new DataPoolGrant("data", "dp-2", "app-1"))));

			assertThat(echoedGrant).isInstanceOf(HubApiException.class);
			assertThat(echoedKey).isInstanceOfSatisfying(HubApiException.class,
					(ex) -> assertThat(ex.responseBody()).contains("<redacted>"));
			assertNothingShows(List.of(describe(echoedGrant), ((HubApiException) echoedGrant).responseBody(),
					describe(echoedKey), ((HubApiException) echoedKey).responseBody(), platform.toString()), jwt,
					API_KEY);
		}
	}

	@Test
	void anEndpointWithUserInfoNeverShowsItsPassword() {
		String endpoint = this.gateway.serviceEndpoint().replace("http://", "http://user:pa55w0rd-in-url@");
		try (HubServiceClient client = client().serviceEndpoint(endpoint).build()) {
			assertThat(client.run(Map.of()).id()).isNotBlank();
			assertThat(client.toString()).contains("http://***@127.0.0.1");
			assertThat(client.serviceEndpoint()).doesNotContain("pa55w0rd");
			assertNothingShows(List.of(client.toString(), client.api().toString()), "pa55w0rd-in-url");
		}
		assertThat(this.gateway.requests())
			.allSatisfy((request) -> assertThat(request.path()).doesNotContain("pa55w0rd"));
	}

	// --- 2. an execution's identity is its own
	// ---------------------------------------------------------------

	@Test
	void aStatusAnswerForAnotherExecutionEndsTheWaitNamingBothIdsAndIsNeverFollowed() {
		try (HubServiceClient client = client().build()) {
			HubServiceExecution execution = client.run(Map.of());
			this.gateway.inject(InjectedFault.foreignId(GatewayOperation.GET_STATUS, "someone-elses-id").times(10));

			assertThatExceptionOfType(HubTransportException.class)
				.isThrownBy(() -> execution.waitForFinalState(Duration.ofSeconds(10)))
				.withMessageContaining(execution.id())
				.withMessageContaining("someone-elses-id");

			assertThat(this.gateway.requests(GatewayOperation.GET_STATUS))
				.allSatisfy((request) -> assertThat(request.path()).endsWith("/" + execution.id()));
			assertThat(execution.id()).isNotEqualTo("someone-elses-id");
		}
	}

	@Test
	void aResultOrCancelAnswerForAnotherExecutionIsRefused() {
		try (HubServiceClient client = client().build()) {
			HubServiceExecution execution = client.run(Map.of());
			execution.waitForFinalState(Duration.ofSeconds(10));
			this.gateway.inject(InjectedFault.foreignId(GatewayOperation.GET_RESULT, "another"));
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(execution::result)
				.withMessageContaining("another");
			// refused at once, not retried: the same answer would come again
			assertThat(this.gateway.callCount(GatewayOperation.GET_RESULT)).isEqualTo(1);
			this.gateway.inject(InjectedFault.foreignId(GatewayOperation.CANCEL_EXECUTION, "another"));
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(execution::cancel)
				.withMessageContaining("another");
			assertThat(execution.result().properties()).containsEntry("sum", 42);
		}
	}

	@Test
	void anAnswerWithoutAnIdIsTakenAsTheExecutionAsked() {
		try (HubServiceClient client = client().build()) {
			HubServiceExecution execution = client.run(Map.of());
			this.gateway.inject(InjectedFault.missingId(GatewayOperation.GET_STATUS).times(100));

			ServiceExecution last = execution.waitForFinalState(Duration.ofSeconds(10));

			assertThat(last.id()).isEqualTo(execution.id());
			assertThat(last.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			assertThat(execution.result().properties()).containsEntry("sum", 42);
		}
	}

	// --- 3. token lifetimes
	// ------------------------------------------------------------------------------------

	@ParameterizedTest(name = "expires_in {0}")
	@ValueSource(strings = { "3600.0", "1e30", "9223372036854775807", "\"3600\"", "3599.5", "99999999999999999999999" })
	void anyNumericLifetimeGivesOneTokenRequestForManyCalls(String expiresIn) {
		this.gateway.inject(InjectedFault.rawField(GatewayOperation.TOKEN, "expires_in", expiresIn).times(100));
		try (HubServiceClient client = client().build()) {
			for (int i = 0; i < 5; i++) {
				assertThat(client.getServiceExecutions()).isNotNull();
			}
		}
		assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
	}

	// --- 4. malformed parts degrade as documented
	// -----------------------------------------------------------

	@ParameterizedTest(name = "_links {0}")
	@ValueSource(strings = { "\"oops\"", "[1,2]", "{\"f\":7}", "{\"f\":{\"href\":5}}", "null" })
	void malformedLinksGiveTheFieldsWithoutFilesAtOnce(String links) {
		try (HubServiceClient client = client().build()) {
			HubServiceExecution execution = client.run(Map.of());
			execution.waitForFinalState(Duration.ofSeconds(10));
			this.gateway.inject(InjectedFault.rawField(GatewayOperation.GET_RESULT, "_links", links));

			ResultResponse result = execution.result();

			assertThat(result.properties()).containsEntry("sum", 42);
			assertThat(result.fileNames()).isEmpty();
			assertThat(this.gateway.callCount(GatewayOperation.GET_RESULT)).isEqualTo(1);
		}
	}

	@ParameterizedTest(name = "createdAt {0}")
	@ValueSource(strings = { "1e400", "99999999999999999999", "-1e30", "\"+1000000001-01-01T00:00:00Z\"",
			"\"yesterday\"", "{\"when\":1}", "[1]", "true", "1767225600.5" })
	void oddTimestampsReadAsNullWithoutFailingTheCall(String createdAt) {
		try (HubServiceClient client = client().build()) {
			HubServiceExecution execution = client.run(Map.of());
			this.gateway.inject(InjectedFault.rawField(GatewayOperation.GET_STATUS, "createdAt", createdAt));

			ServiceExecution refreshed = execution.refresh();

			assertThat(refreshed.id()).isEqualTo(execution.id());
			if (createdAt.equals("1767225600.5")) {
				assertThat(refreshed.createdAt()).hasToString("2026-01-01T00:00:00.500Z");
			}
			else {
				assertThat(refreshed.createdAt()).isNull();
			}
		}
	}

	@Test
	void anOddStatusValueReadsAsUnknown() {
		try (HubServiceClient client = client().build()) {
			HubServiceExecution execution = client.run(Map.of());
			this.gateway.inject(InjectedFault.rawField(GatewayOperation.GET_STATUS, "status", "{\"nested\":true}"));

			assertThat(execution.refresh().status()).isEqualTo(ServiceExecutionStatus.UNKNOWN);
		}
	}

	// --- 5. run accepts JSON data only
	// ------------------------------------------------------------------------

	@Test
	void aRequestThatIsNotJsonDataIsRefusedBeforeAnyRequest() {
		try (HubServiceClient client = client().build()) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> client.run(Map.of("data", Map.of("stream", System.in))))
				.withMessageContaining("at 'data.stream'");
		}
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isZero();
		assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isZero();
	}

	@Test
	void aTimeoutMessageCarriesTheLastStateOnly() {
		try (HubServiceClient client = client().build()) {
			HubServiceExecution execution = client.run(Map.of());
			this.gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS).times(100));
			assertThatExceptionOfType(ExecutionTimeoutException.class)
				.isThrownBy(() -> execution.waitForFinalState(Duration.ofSeconds(2)))
				.satisfies((ex) -> assertThat(ex.lastExecution().id()).isEqualTo(execution.id()));
		}
	}

	// --- the gateway's delivery faults: what users test their own timeouts with
	// -----------------------------

	@Test
	void aStalledOrTrickledAnswerEndsAtTheCallTimeoutAndAnEndlessOneAtTheLimit() {
		try (HubServiceClient client = client().callTimeout(Duration.ofSeconds(1)).build()) {
			HubServiceExecution execution = client.run(Map.of());
			this.gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS).times(10));
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(execution::refresh)
				.withMessageContaining("1s (callTimeout)");
			this.gateway.clearFaults();
			this.gateway.inject(InjectedFault.trickle(GatewayOperation.GET_STATUS).times(10));
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(execution::refresh)
				.withMessageContaining("1s (callTimeout)");
			this.gateway.clearFaults();
			this.gateway.inject(InjectedFault.endlessBody(GatewayOperation.GET_STATUS));
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(execution::refresh)
				.withMessageContaining("32 MiB JSON limit");
		}
	}

	private void assertNothingShows(List<String> shown, String... secrets) {
		List<ILoggingEvent> events;
		synchronized (this.logs) {
			// AppenderBase appends under this lock, also from the event-loop threads
			events = new ArrayList<>(this.logs.list);
		}
		List<String> lines = events.stream().map(HostileGatewayIntegrationTests::describe).toList();
		assertThat(lines).as("TRACE logging captured the flows").hasSizeGreaterThan(10);
		// not vacuous: Spring's and Reactor Netty's own loggers were captured at TRACE
		// and DEBUG
		assertThat(events).anySatisfy((event) -> assertThat(event.getLoggerName()).startsWith("reactor.netty"));
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.getLoggerName()).startsWith("org.springframework.web.reactive.function.client");
			assertThat(event.getLevel()).isEqualTo(Level.TRACE);
		});
		for (String secret : secrets) {
			assertThat(lines).as("log lines").noneMatch((line) -> line.contains(secret));
			assertThat(shown).as("messages, bodies and toString()").noneMatch((text) -> text.contains(secret));
		}
	}

	private static String basic(String id, String secret) {
		return java.util.Base64.getEncoder().encodeToString((id + ":" + secret).getBytes());
	}

	private static String grantIn(String startBody) {
		int at = startBody.indexOf("\"grant\":\"");
		return startBody.substring(at + 9, startBody.indexOf('"', at + 9));
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
		}
		return text.toString();
	}

}
