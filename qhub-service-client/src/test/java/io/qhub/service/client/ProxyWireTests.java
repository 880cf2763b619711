package io.qhub.service.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.hostile.CountingProxy;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.ProxySettings;
import io.qhub.service.core.TransportRetryPolicy;
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
 * The client behind a {@link ProxySettings} proxy, through a real counting proxy on
 * loopback: credentials are sent, non-proxy hosts bypass it and a dead proxy is not
 * bypassed. How the settings themselves are read and validated is in
 * {@code io.qhub.service.core.ProxySettingsTests}.
 */
@Timeout(60)
class ProxyWireTests {

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

}
