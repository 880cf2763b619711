package io.qhub.service.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.qhub.service.client.hostile.CountingProxy;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.core.ProxySettings;
import io.qhub.service.core.TransportRetryPolicy;
import io.qhub.service.core.TransportSettings;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link ProxySettings}: how the JVM's proxy system properties are read, what is
 * rejected, and, through a real counting proxy on loopback, that credentials are sent,
 * non-proxy hosts bypass it and {@code direct()} ignores it.
 */
@Timeout(60)
class ProxySettingsTests {

	private LocalHubGateway gateway;

	private CountingProxy proxy;

	@BeforeEach
	void start() throws IOException {
		this.gateway = LocalHubGateway.builder().executionIds("e").start();
		try (HubServiceClient direct = client(ProxySettings.direct())) {
			assertThat(direct.api().startExecution(Map.of()).id()).isEqualTo("e1");
		}
		this.gateway.resetRecording();
		this.proxy = new CountingProxy();
	}

	@AfterEach
	void stop() throws IOException {
		this.proxy.close();
		this.gateway.close();
	}

	@Test
	void httpsProxyPropertiesComeFirst() {
		Properties system = properties("https.proxyHost", "secure-proxy", "https.proxyPort", "8443", "http.proxyHost",
				"plain-proxy", "https.proxyUser", "alice", "https.proxyPassword", "wonderland");
		ProxySettings resolved = ProxySettings.systemProperties().resolve(system);
		assertThat(resolved.type()).isEqualTo(ProxySettings.Type.HTTP);
		assertThat(resolved.host()).isEqualTo("secure-proxy");
		assertThat(resolved.port()).isEqualTo(8443);
		assertThat(resolved.username()).isEqualTo("alice");
		assertThat(resolved.password()).isEqualTo("wonderland");
		assertThat(resolved.nonProxyHosts()).containsExactly("localhost", "127.*", "[::1]");
	}

	@Test
	void httpProxyPropertiesWithTheDefaultPortAndTheirOwnNonProxyHosts() {
		ProxySettings resolved = ProxySettings.systemProperties()
			.resolve(properties("http.proxyHost", "plain-proxy", "http.nonProxyHosts", "*.internal | 10.*"));
		assertThat(resolved)
			.isEqualTo(ProxySettings.http("plain-proxy", 80).withNonProxyHosts(List.of("*.internal", "10.*")));
	}

	@Test
	void socksProxyProperties() {
		ProxySettings resolved = ProxySettings.systemProperties()
			.resolve(properties("socksProxyHost", "socks", "java.net.socks.username", "bob", "java.net.socks.password",
					"builder"));
		assertThat(resolved.type()).isEqualTo(ProxySettings.Type.SOCKS5);
		assertThat(resolved.port()).isEqualTo(1080);
		assertThat(resolved.username()).isEqualTo("bob");
	}

	@Test
	void noProxyPropertiesMeanDirect() {
		assertThat(ProxySettings.systemProperties().resolve(new Properties())).isEqualTo(ProxySettings.direct());
		ProxySettings explicit = ProxySettings.http("proxy", 3128);
		assertThat(explicit.resolve(properties("https.proxyHost", "other"))).isSameAs(explicit);
	}

	@Test
	void aBadSystemPropertyIsNamed() {
		InvalidSettingException ex = catchThrowableOfType(InvalidSettingException.class,
				() -> ProxySettings.systemProperties()
					.resolve(properties("https.proxyHost", "p", "https.proxyPort", "eighty")));
		assertThat(ex.setting()).isEqualTo("https.proxyPort");
		assertThat(ex.rejectedValue()).contains("eighty");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ProxySettings.systemProperties()
				.resolve(properties("socksProxyHost", "s", "socksProxyVersion", "4")))
			.satisfies((invalid) -> assertThat(invalid.setting()).isEqualTo("socksProxyVersion"));
	}

	@Test
	void invalidSettingsAreNamed() {
		assertThat(setting(() -> ProxySettings.http(" ", 3128))).isEqualTo("proxy.host");
		assertThat(setting(() -> ProxySettings.http("proxy", 0))).isEqualTo("proxy.port");
		assertThat(setting(() -> ProxySettings.http("proxy", 70000))).isEqualTo("proxy.port");
		assertThat(setting(() -> new ProxySettings(ProxySettings.Type.HTTP, "proxy", 3128, "user", null, List.of())))
			.isEqualTo("proxy.password");
		assertThat(setting(
				() -> new ProxySettings(ProxySettings.Type.SYSTEM_PROPERTIES, null, 0, "user", "pw", List.of())))
			.isEqualTo("proxy.username");
		assertThat(setting(() -> new ProxySettings(ProxySettings.Type.DIRECT, null, 8080, null, null, List.of())))
			.isEqualTo("proxy.port");
		assertThat(setting(() -> ProxySettings.http("proxy", 3128).withNonProxyHosts(List.of("a*b"))))
			.isEqualTo("proxy.nonProxyHosts");
	}

	@Test
	void thePasswordIsNeverPrinted() {
		ProxySettings settings = ProxySettings.http("proxy", 3128).withCredentials("alice", "wonderland-secret");
		assertThat(settings.toString()).contains("alice").doesNotContain("wonderland-secret");
		assertThat(TransportSettings.defaults().withProxy(settings).toString()).doesNotContain("wonderland-secret");
	}

	@Test
	void credentialsAreSentToTheProxy() {
		this.proxy.requireCredentials("alice", "wonderland-secret");
		try (HubServiceClient client = client(
				ProxySettings.http("127.0.0.1", this.proxy.port()).withCredentials("alice", "wonderland-secret"))) {
			assertThat(client.api().getStatus("e1").id()).isEqualTo("e1");
		}
		assertThat(this.proxy.targets()).containsExactly("127.0.0.1:" + this.gateway.port());
	}

	@Test
	void aProxyRefusingTheCredentialsFailsTheCallWithoutTheirPassword() {
		this.proxy.requireCredentials("alice", "the-right-secret");
		try (HubServiceClient client = client(
				ProxySettings.http("127.0.0.1", this.proxy.port()).withCredentials("alice", "a-wrong-secret"))) {
			HubTransportException ex = catchThrowableOfType(HubTransportException.class,
					() -> client.api().getStatus("e1"));
			assertThat(ex).hasMessageContaining("could not connect").hasMessageContaining("407");
			assertThat(ex.toString()).doesNotContain("a-wrong-secret");
		}
		assertThat(this.proxy.authorizations()).isNotEmpty()
			.allSatisfy((header) -> assertThat(header).startsWith("Basic "));
		assertThat(this.proxy.targets()).isEmpty();
	}

	@Test
	void nonProxyHostsAreReachedDirectly() {
		try (HubServiceClient client = client(
				ProxySettings.http("127.0.0.1", this.proxy.port()).withNonProxyHosts(List.of("127.0.*")))) {
			assertThat(client.api().getStatus("e1").id()).isEqualTo("e1");
		}
		assertThat(this.proxy.authorizations()).isEmpty();
	}

	@Test
	void aDeadProxyFailsTheCallInsteadOfBeingBypassed() throws IOException {
		int dead = this.proxy.port();
		this.proxy.close();
		try (HubServiceClient client = client(ProxySettings.http("127.0.0.1", dead))) {
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.withMessageContaining("could not connect");
		}
		assertThat(this.gateway.requests()).isEmpty();
	}

	private HubServiceClient client(ProxySettings proxy) {
		return HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.platformEnvironment(new PlatformEnvironment(Map.of(), Path.of("/nonexistent")))
			.transportRetry(TransportRetryPolicy.NONE)
			.proxy(proxy)
			.build();
	}

	private static String setting(Runnable settings) {
		return catchThrowableOfType(InvalidSettingException.class, settings::run).setting();
	}

	private static Properties properties(String... keysAndValues) {
		Properties properties = new Properties();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
		}
		return properties;
	}

}
