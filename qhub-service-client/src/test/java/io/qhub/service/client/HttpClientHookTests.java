package io.qhub.service.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.channel.ChannelOption;
import io.qhub.service.client.hostile.CountingProxy;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.core.ProxySettings;
import io.qhub.service.core.TransportRetryPolicy;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The typed {@code HttpClient} hook: the reference guide's proxy recipe goes through a
 * real proxy on loopback, and whatever the hook does, the client's connect and read
 * timeouts, call timeout, pool limit, refusal to follow redirects and {@code close()}
 * still hold.
 */
@Timeout(60)
class HttpClientHookTests {

	private LocalHubGateway gateway;

	private CountingProxy proxy;

	@BeforeEach
	void start() throws IOException {
		this.gateway = LocalHubGateway.builder().executionIds("e").start();
		try (HubServiceClient direct = HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.platformEnvironment(new PlatformEnvironment(Map.of(), java.nio.file.Path.of("/nonexistent")))
			.proxy(ProxySettings.direct())
			.build()) {
			assertThat(direct.api().startExecution(Map.of()).id()).isEqualTo("e1");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.gateway.openConnections() == 0);
		this.gateway.resetRecording();
		this.proxy = new CountingProxy();
	}

	@AfterEach
	void stop() throws IOException {
		this.proxy.close();
		this.gateway.close();
	}

	/** The reference guide's recipe: a proxy setting. */
	private HubServiceClientBuilder throughTheProxy() {
		return HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.platformEnvironment(new PlatformEnvironment(Map.of(), java.nio.file.Path.of("/nonexistent")))
			.proxy(ProxySettings.http("127.0.0.1", this.proxy.port()));
	}

	@Test
	void callsGoThroughTheProxy() {
		try (HubServiceClient client = throughTheProxy().build()) {
			assertThat(client.api().getStatus("e1").id()).isEqualTo("e1");
		}
		assertThat(this.proxy.targets()).containsExactly("127.0.0.1:" + this.gateway.port());
	}

	@Test
	void aProxySetByTheHookWinsOverTheSetting() throws IOException {
		try (CountingProxy hookProxy = new CountingProxy()) {
			int port = hookProxy.port();
			try (HubServiceClient client = throughTheProxy().httpClient((http) -> http.proxy(
					(proxy) -> proxy.type(ProxyProvider.Proxy.HTTP).host("127.0.0.1").port(port).nonProxyHosts("$^")))
				.build()) {
				assertThat(client.api().getStatus("e1").id()).isEqualTo("e1");
			}
			assertThat(hookProxy.targets()).containsExactly("127.0.0.1:" + this.gateway.port());
		}
		assertThat(this.proxy.targets()).isEmpty();
	}

	@Test
	void theReadTimeoutStillHoldsThroughTheProxy() {
		this.gateway.inject(InjectedFault.latency(GatewayOperation.GET_STATUS, Duration.ofSeconds(3), 1));
		try (HubServiceClient client = throughTheProxy().readTimeout(Duration.ofMillis(300))
			.transportRetry(TransportRetryPolicy.NONE)
			.build()) {
			long start = System.nanoTime();
			Throwable failure = catchThrowable(() -> client.api().getStatus("e1"));
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

			assertThat(failure).isInstanceOf(HubTransportException.class).hasMessageContaining("0.3s (readTimeout)");
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(290)).isLessThan(Duration.ofMillis(2500));
			System.out.println("HOOK read timeout 300 ms through the proxy, server delay 3 s: returned after "
					+ elapsed.toMillis() + " ms");
		}
		assertThat(this.proxy.tunnelsOpened()).isPositive();
	}

	@Test
	void aSilentServerBehindTheProxyIsCutAtTheCallTimeout() {
		this.gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS).times(Integer.MAX_VALUE));
		try (HubServiceClient client = throughTheProxy().callTimeout(Duration.ofSeconds(2)).build()) {
			long start = System.nanoTime();
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.withMessageContaining("callTimeout");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void thePoolLimitStillHoldsThroughTheProxy() {
		this.gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS).times(Integer.MAX_VALUE));
		try (HubServiceClient client = throughTheProxy().maxConnections(2).callTimeout(Duration.ofSeconds(3)).build()) {
			reactor.core.publisher.Mono<List<Throwable>> calls = Flux.range(0, 6)
				.flatMap((i) -> client.reactive().api().getStatus("e1").materialize(), 6)
				.filter(reactor.core.publisher.Signal::isOnError)
				.map(reactor.core.publisher.Signal::getThrowable)
				.collectList()
				.cache();
			calls.subscribe();

			// six calls in flight, two connections: the other four wait for the pool, not
			// for new connections
			await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
				assertThat(this.gateway.openConnections()).isLessThanOrEqualTo(2);
				assertThat(this.proxy.tunnelsOpen()).isLessThanOrEqualTo(2);
			});
			assertThat(this.gateway.openConnections()).isEqualTo(2);
			assertThat(calls.block(Duration.ofSeconds(20))).hasSize(6)
				.allSatisfy((ex) -> assertThat(ex).isInstanceOf(HubTransportException.class));
		}
	}

	@Test
	void closeStillReleasesThePooledConnections() {
		HubServiceClient client = throughTheProxy().build();
		assertThat(client.api().getStatus("e1").id()).isEqualTo("e1");
		assertThat(this.gateway.openConnections()).isEqualTo(1);

		client.close();

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.gateway.openConnections()).isZero();
			assertThat(this.proxy.tunnelsOpen()).isZero();
		});
		assertThatExceptionOfType(HubClientException.class).isThrownBy(() -> client.api().getStatus("e1"))
			.withMessageContaining("closed");
	}

	@Test
	void theHookCannotLiftTheReadTimeoutOrTurnOnRedirects() {
		// the first status call (e1) is answered after 3 s, the second (moved) with a
		// redirect to e1, which would be answered at once if it were followed
		this.gateway.inject(InjectedFault.latency(GatewayOperation.GET_STATUS, Duration.ofSeconds(3), 1))
			.inject(InjectedFault.redirect(GatewayOperation.GET_STATUS, 302, this.gateway.serviceEndpoint() + "/e1"));
		try (HubServiceClient client = throughTheProxy().readTimeout(Duration.ofMillis(300))
			.transportRetry(TransportRetryPolicy.NONE)
			.httpClient((http) -> http.responseTimeout(Duration.ofMinutes(5)).followRedirect(true))
			.build()) {
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.withMessageContaining("readTimeout");
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("moved"))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(302));
		}
		String moved = java.net.URI.create(this.gateway.serviceEndpoint() + "/moved").getRawPath();
		assertThat(this.gateway.requests().stream().map((request) -> request.method() + " " + request.path()).toList())
			.containsOnlyOnce("GET " + moved);
	}

	@Test
	void theHookCannotLiftTheConnectTimeout() throws IOException {
		// a listening socket whose accept queue is full: the kernel drops further SYNs,
		// so a connect hangs
		try (ServerSocket blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			List<Socket> fillers = new ArrayList<>();
			try {
				for (int i = 0; i < 8; i++) {
					Socket filler = new Socket();
					filler.connect(blackhole.getLocalSocketAddress(), 200);
					fillers.add(filler);
				}
			}
			catch (IOException ex) {
				// the queue is full: that is the point
			}
			try (HubServiceClient client = HubServiceClient.builder()
				.serviceEndpoint("http://127.0.0.1:" + blackhole.getLocalPort() + "/svc/1.0.0")
				.platformEnvironment(new PlatformEnvironment(Map.of(), java.nio.file.Path.of("/nonexistent")))
				.connectTimeout(Duration.ofMillis(500))
				.transportRetry(TransportRetryPolicy.NONE)
				.httpClient((http) -> http.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 600_000))
				.build()) {
				long start = System.nanoTime();
				Throwable failure = catchThrowable(() -> client.api().getStatus("e1"));
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

				assertThat(failure).isInstanceOfSatisfying(HubTransportException.class, (ex) -> {
					assertThat(ex.getMessage()).contains("could not connect").contains("ConnectTimeoutException");
					assertThat(ex.requestMayHaveBeenSent()).isFalse();
				});
				assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(5));
				System.out.println("HOOK connect timeout 500 ms (hook asked for 600 s): returned after "
						+ elapsed.toMillis() + " ms");
			}
			finally {
				for (Socket filler : fillers) {
					filler.close();
				}
			}
		}
	}

	@Test
	void aHookReturningAnotherHttpClientIsRefusedNamingTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> HubServiceClient.builder()
				.serviceEndpoint(this.gateway.serviceEndpoint())
				.httpClient((http) -> HttpClient.create())
				.build())
			.satisfies((ex) -> {
				assertThat(ex.setting()).isEqualTo("httpClient");
				assertThat(ex.getMessage()).contains("must return the HttpClient it was given");
			});
	}

}
