package io.qhub.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import io.qhub.autoconfigure.diagnostics.InvalidHubPropertyException;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.hostile.CountingProxy;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.TransportSettings;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code qhub.service.proxy.*} and the JVM's proxy system properties, through a real
 * proxy on loopback that counts the tunnels it opens to a {@link LocalHubGateway}; and
 * Spring Boot's {@code spring.http.clients.connect-timeout} and {@code read-timeout}
 * (through its {@code HttpClientSettings} bean), honoured when the qhub keys are unset.
 * These tests set JVM system properties (and restore them); this module's tests run one
 * at a time.
 */
class ProxyPropertiesTests {

	@RegisterExtension
	final LocalHubGatewayContext hub = LocalHubGatewayContext.withKeyPair("proxy-id", "proxy-secret");

	private final Map<String, TransportSettings> transports = new ConcurrentHashMap<>();

	private CountingProxy proxy;

	private Properties savedSystemProperties;

	@BeforeEach
	void start() throws IOException {
		this.proxy = new CountingProxy();
		this.savedSystemProperties = (Properties) System.getProperties().clone();
	}

	@AfterEach
	void stop() throws IOException {
		System.setProperties(this.savedSystemProperties);
		this.proxy.close();
	}

	@Test
	void callsGoThroughTheConfiguredProxy() {
		run(Map.of("qhub.service.proxy.host", "127.0.0.1", "qhub.service.proxy.port", this.proxy.port()), (client) -> {
			assertThat(client.getServiceExecutions()).isEmpty();
			assertThat(this.hub.gateway().callCount(GatewayOperation.TOKEN)).isEqualTo(1);
		});
		assertThat(this.proxy.tunnelsOpened()).isPositive();
		assertThat(this.proxy.targets()).allMatch(("127.0.0.1:" + this.hub.gateway().port())::equals);
	}

	@Test
	void proxyCredentialsAreSent() {
		this.proxy.requireCredentials("alice", "proxy-password-123");
		run(Map.of("qhub.service.proxy.host", "127.0.0.1", "qhub.service.proxy.port", this.proxy.port(),
				"qhub.service.proxy.username", "alice", "qhub.service.proxy.password", "proxy-password-123"),
				(client) -> assertThat(client.getServiceExecutions()).isEmpty());
		assertThat(this.proxy.targets()).isNotEmpty();
	}

	@Test
	void nonProxyHostsAreReachedDirectly() {
		run(Map.of("qhub.service.proxy.host", "127.0.0.1", "qhub.service.proxy.port", this.proxy.port(),
				"qhub.service.proxy.non-proxy-hosts", "localhost,127.*"),
				(client) -> assertThat(client.getServiceExecutions()).isEmpty());
		assertThat(this.proxy.tunnelsOpened()).isZero();
	}

	@Test
	void aNamedServiceInheritsTheProxy() {
		this.hub.runner()
			.withPropertyValues("qhub.services.optimizer.endpoint=" + this.hub.gateway().serviceEndpoint(),
					"qhub.service.token-endpoint=" + this.hub.gateway().tokenEndpoint(),
					"qhub.service.access-key-id=proxy-id", "qhub.service.secret-access-key=proxy-secret",
					"qhub.service.proxy.host=127.0.0.1", "qhub.service.proxy.port=" + this.proxy.port())
			.run((context) -> assertThat(
					context.getBean(HubServiceClients.class).get("optimizer").getServiceExecutions())
				.isEmpty());
		assertThat(this.proxy.tunnelsOpened()).isPositive();
	}

	@Test
	void theJvmProxySystemPropertiesAreHonouredByDefault() {
		useSystemProxy(this.proxy.port());
		run(Map.of(), (client) -> assertThat(client.getServiceExecutions()).isEmpty());
		assertThat(this.proxy.targets()).isNotEmpty().allMatch(("127.0.0.1:" + this.hub.gateway().port())::equals);
	}

	@Test
	void aDeadProxyGivenAsSystemPropertyIsNotIgnored() throws IOException {
		int dead = this.proxy.port();
		this.proxy.close();
		useSystemProxy(dead);
		run(Map.of("qhub.service.call-timeout", "5s"), (client) -> {
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(client::getServiceExecutions)
				.withMessageContaining("could not connect");
			assertThat(this.hub.gateway().callCount(GatewayOperation.TOKEN)).isZero();
		});
	}

	@Test
	void useSystemPropertiesFalseConnectsDirectly() throws IOException {
		int dead = this.proxy.port();
		this.proxy.close();
		useSystemProxy(dead);
		run(Map.of("qhub.service.proxy.use-system-properties", "false"),
				(client) -> assertThat(client.getServiceExecutions()).isEmpty());
	}

	@Test
	void theConfiguredProxyWinsOverSystemProperties() {
		useSystemProxy(1);
		run(Map.of("qhub.service.proxy.host", "127.0.0.1", "qhub.service.proxy.port", this.proxy.port()),
				(client) -> assertThat(client.getServiceExecutions()).isEmpty());
		assertThat(this.proxy.tunnelsOpened()).isPositive();
	}

	@Test
	void aProxyHostWithoutPortIsReportedByProperty() {
		this.hub.runner()
			.withPropertyValues(connection())
			.withPropertyValues("qhub.service.proxy.host=proxy.example.com")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidHubPropertyException.class)
				.hasMessageContaining("'qhub.service.proxy.port'")
				.hasMessageContaining("must be between 1 and 65535"));
	}

	@Test
	void aHalfSetProxyLoginIsReportedByProperty() {
		this.hub.runner()
			.withPropertyValues(connection())
			.withPropertyValues("qhub.service.proxy.host=proxy.example.com", "qhub.service.proxy.port=3128",
					"qhub.service.proxy.username=alice")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidHubPropertyException.class)
				.hasMessageContaining("'qhub.service.proxy.password'")
				.hasMessageContaining("must be set together with qhub.service.proxy.username"));
	}

	@Test
	void aBadProxySystemPropertyIsReportedAsSuch() {
		System.setProperty("https.proxyHost", "127.0.0.1");
		System.setProperty("https.proxyPort", "eighty");
		this.hub.runner()
			.withPropertyValues(connection())
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidHubPropertyException.class)
				.hasMessageContaining("'https.proxyPort' = 'eighty' (JVM system property)")
				.hasMessageContaining("must be a port number")
				.hasMessageContaining("qhub.service.proxy.use-system-properties=false"));
	}

	@Test
	void bootsHttpClientTimeoutsApplyWhenTheQhubKeysAreUnset() {
		this.hub.runner()
			.withPropertyValues(connection())
			.withPropertyValues("spring.http.clients.connect-timeout=3s", "spring.http.clients.read-timeout=7s")
			.withBean(HubServiceClientCustomizer.class, this::recordTransport)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TransportSettings transport = this.transports.get("default");
				assertThat(transport.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(transport.readTimeout()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void theQhubTimeoutsWinOverBoots() {
		this.hub.runner()
			.withPropertyValues(connection())
			.withPropertyValues("spring.http.clients.connect-timeout=3s", "spring.http.clients.read-timeout=7s",
					"qhub.service.read-timeout=11s",
					"qhub.services.optimizer.endpoint=" + this.hub.gateway().serviceEndpoint(),
					"qhub.services.optimizer.connect-timeout=2s")
			.withBean(HubServiceClientCustomizer.class, this::recordTransport)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.transports.get("default").readTimeout()).isEqualTo(Duration.ofSeconds(11));
				assertThat(this.transports.get("default").connectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(this.transports.get("optimizer").connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(this.transports.get("optimizer").readTimeout()).isEqualTo(Duration.ofSeconds(11));
			});
	}

	@Test
	void anApplicationsHttpClientSettingsBeanIsHonoured() {
		this.hub.runner()
			.withPropertyValues(connection())
			.withBean(HttpClientSettings.class,
					() -> HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(4), Duration.ofSeconds(13)))
			.withBean(HubServiceClientCustomizer.class, this::recordTransport)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.transports.get("default").connectTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(this.transports.get("default").readTimeout()).isEqualTo(Duration.ofSeconds(13));
			});
	}

	@Test
	void withoutBootsHttpClientSettingsTheClientDefaultsApply() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HubServiceAutoConfiguration.class))
			.withPropertyValues(connection())
			.withPropertyValues("spring.http.clients.connect-timeout=3s")
			.withBean(HubServiceClientCustomizer.class, this::recordTransport)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TransportSettings transport = this.transports.get("default");
				assertThat(transport.connectTimeout()).isEqualTo(TransportSettings.defaults().connectTimeout());
				assertThat(transport.readTimeout()).isEqualTo(TransportSettings.defaults().readTimeout());
			});
	}

	@Test
	void aBadBootTimeoutIsReportedUnderBootsKey() {
		this.hub.runner()
			.withPropertyValues(connection())
			.withPropertyValues("spring.http.clients.read-timeout=-1s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidHubPropertyException.class)
				.hasMessageContaining("'spring.http.clients.read-timeout' = '-1s'")
				.hasMessageContaining("must be positive"));
	}

	/**
	 * A customizer that records the transport settings each client's builder was given.
	 */
	private HubServiceClientCustomizer recordTransport() {
		return (name, builder) -> this.transports.put(name, builder.transportSettings());
	}

	/**
	 * Points the JVM's standard proxy properties at a proxy on loopback (and loopback at
	 * the proxy).
	 */
	private static void useSystemProxy(int port) {
		System.setProperty("https.proxyHost", "127.0.0.1");
		System.setProperty("https.proxyPort", String.valueOf(port));
		System.setProperty("http.nonProxyHosts", "*.example.com");
	}

	private void run(Map<String, Object> properties, java.util.function.Consumer<HubServiceClient> assertions) {
		this.hub.runner()
			.withPropertyValues(connection())
			.withPropertyValues(properties.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertions.accept(context.getBean(HubServiceClient.class));
			});
	}

	private String[] connection() {
		return new String[] { "qhub.service.endpoint=" + this.hub.gateway().serviceEndpoint(),
				"qhub.service.token-endpoint=" + this.hub.gateway().tokenEndpoint(),
				"qhub.service.access-key-id=proxy-id", "qhub.service.secret-access-key=proxy-secret" };
	}

}
