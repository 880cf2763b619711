package io.qhub.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.hostile.CountingProxy;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.ProxySettings;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A proxy that echoes the credentials it got cannot make the client leak them, and a
 * refused proxy login is final: the fault matrix of the proxy-secrets issue, through the
 * real stack (a {@link LocalHubGateway} reached through a CONNECT proxy of the tests'
 * own, {@link CountingProxy#echoRefusals()}, which repeats the
 * {@code Proxy-Authorization} header, its decoded {@code user:password} and the password
 * in its status line, its headers and its body) with every logger of the JVM at TRACE. No
 * log line (Reactor Netty's and Netty's included), exception (message, causes,
 * suppressed) or {@code toString()} may carry the proxy password in any form; a 407 ends
 * the call at once, with one {@code CONNECT}, as a permanent failure naming the proxy
 * settings. A request that contains itself is refused before any connection is made,
 * naming the shortest path that shows the cycle.
 */
class ProxySecretsIntegrationTests {

	private static final String USER = "proxy-user";

	private static final String PASSWORD = "Pr0xY-PaSS/77+81=";

	private static final String WRONG_PASSWORD = "Wr0ng-PaSS/42+17=";

	private LocalHubGateway gateway;

	private CountingProxy proxy;

	private LeakScan logs;

	@BeforeEach
	void start() throws Exception {
		this.logs = LeakScan.capture(Level.TRACE);
		this.gateway = LocalHubGateway.builder()
			.accessKey("proxied-id", "proxied-S3cr3t-k3y")
			.timing(Duration.ZERO, Duration.ofMillis(50))
			.start();
		this.proxy = new CountingProxy().requireCredentials(USER, PASSWORD).echoRefusals();
	}

	@AfterEach
	void stop() throws Exception {
		this.proxy.close();
		this.gateway.close();
		this.logs.close();
	}

	static Stream<Arguments> refusedLogins() {
		Consumer<HubServiceClient> status = (client) -> client.api().getStatus("e1");
		Consumer<HubServiceClient> token = HubServiceClient::checkCredentials;
		Consumer<HubServiceClient> run = (client) -> client.run(Map.of("shots", 1));
		Consumer<HubServiceClient> reactiveRun = (client) -> client.reactive().run(Map.of("shots", 1)).block();
		return Stream.of(Arguments.of("status call, wrong password", WRONG_PASSWORD, status, "refused the credentials"),
				Arguments.of("token request, wrong password", WRONG_PASSWORD, token, "refused the credentials"),
				Arguments.of("run, wrong password", WRONG_PASSWORD, run, "refused the credentials"),
				Arguments.of("reactive run, wrong password", WRONG_PASSWORD, reactiveRun, "refused the credentials"),
				Arguments.of("status call, no login set", null, status, "requires a login"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedLogins")
	void aRefusedProxyLoginIsFinalAndLeavesNoTraceOfTheCredentials(String name, String password,
			Consumer<HubServiceClient> call, String explanation) {
		List<String> shown = new ArrayList<>();
		Throwable failure;
		try (HubServiceClient client = client(password)) {
			failure = catchThrowable(() -> call.accept(client));
			shown.add(client.toString());
		}
		shown.add(LeakScan.describe(failure));

		assertThat(failure).isInstanceOfSatisfying(HubTransportException.class, (ex) -> {
			assertThat(ex.failureKind()).isEqualTo(FailureKind.PERMANENT);
			assertThat(ex.requestMayHaveBeenSent()).isFalse();
			assertThat(ex.getMessage()).contains(explanation)
				.contains("HTTP 407")
				.contains("proxy.password")
				.contains("qhub.service.proxy.password");
		});
		assertThat(this.proxy.authorizations()).as("CONNECTs sent: no retry after a 407").hasSize(1);
		assertThat(this.proxy.targets()).isEmpty();
		assertThat(this.gateway.requests()).isEmpty();
		List<String> logLines = this.logs.lines();
		assertThat(logLines).as("TRACE logging captured the refusal").isNotEmpty();
		List<String> everything = new ArrayList<>(shown);
		everything.addAll(logLines);
		LeakScan.assertNoneShows(everything, forms(USER, (password != null) ? password : WRONG_PASSWORD));
	}

	@Test
	void theRightLoginGoesThroughTheProxy() {
		try (HubServiceClient client = client(PASSWORD)) {
			assertThat(client.run(Map.of("shots", 1)).waitForFinalState(Duration.ofSeconds(10)).status().isFinal())
				.isTrue();
		}
		assertThat(this.proxy.targets()).isNotEmpty();
		assertThat(this.gateway.requests(GatewayOperation.START_EXECUTION)).hasSize(1);
		LeakScan.assertNoneShows(this.logs.lines(), forms(USER, PASSWORD));
	}

	static Stream<Arguments> requestsContainingThemselves() {
		List<Object> items = new ArrayList<>();
		Circuit circuit = new Circuit("bell", items, Map.of());
		items.add(circuit);
		Map<String, Object> settings = new java.util.HashMap<>();
		settings.put("loop", settings);
		return Stream.of(Arguments.of(circuit, "items[0]", "(the request again)"),
				Arguments.of(new Circuit("bell", List.of(), settings), "settings.loop",
						"(the value at 'settings' again)"),
				Arguments.of(Map.of("circuit", circuit), "circuit.items[0]", "(the value at 'circuit' again)"));
	}

	@ParameterizedTest
	@MethodSource("requestsContainingThemselves")
	void aRequestThatContainsItselfIsRefusedBeforeAnyConnectionInOneShortLine(Object request, String path,
			String again) {
		Throwable failure;
		try (HubServiceClient client = client(PASSWORD)) {
			failure = catchThrowable(() -> client.run(request));
		}
		assertThat(failure).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at '" + path + "': it contains itself " + again)
			.hasNoCause();
		assertThat(failure.getMessage()).hasSizeLessThan(200).doesNotContain("\n");
		assertThat(this.proxy.authorizations()).isEmpty();
		assertThat(this.gateway.requests()).isEmpty();
	}

	private HubServiceClient client(String password) {
		ProxySettings proxySettings = ProxySettings.http("127.0.0.1", this.proxy.port());
		return HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.tokenEndpoint(this.gateway.tokenEndpoint())
			.accessKeyId("proxied-id")
			.secretAccessKey("proxied-S3cr3t-k3y")
			.proxy((password != null) ? proxySettings.withCredentials(USER, password) : proxySettings)
			.platformEnvironment(new PlatformEnvironment(Map.of(), Path.of("/nonexistent")))
			.build();
	}

	/**
	 * Every form the password could show in: raw, URL-encoded, in {@code user:password},
	 * and that in Base64.
	 */
	private static List<String> forms(String user, String password) {
		String login = user + ":" + password;
		String basic = Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
		return List.of(password, java.net.URLEncoder.encode(password, StandardCharsets.UTF_8), login, basic,
				basic.replace("=", ""), Base64.getUrlEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
	}

	/** A typed request. */
	public record Circuit(String name, List<Object> items, Map<String, Object> settings) {
	}

}
