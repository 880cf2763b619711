package io.qhub.test.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

class LocalHubGatewayCloseTests {

	@Test
	void closeAlsoEndsKeptAliveConnections() throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		LocalHubGateway gateway = LocalHubGateway.builder().start();
		HttpRequest list = HttpRequest.newBuilder(URI.create(gateway.serviceEndpoint() + "/")).GET().build();
		assertThat(http.send(list, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

		gateway.close();

		// the same client would reuse its pooled connection if the gateway had left it
		// open
		assertThatIOException().isThrownBy(() -> http.send(list, HttpResponse.BodyHandlers.ofString()));
		assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
	}

	@Test
	void closeEndsStalledAnswersWhoseClientsHaveGoneAway() {
		LocalHubGateway gateway = LocalHubGateway.builder().start();
		gateway.inject(InjectedFault.stall(GatewayOperation.GET_SERVICE_EXECUTIONS).times(3));
		for (int i = 0; i < 3; i++) {
			// a new client each time: its connection goes when it is collected or times
			// out
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			HttpRequest list = HttpRequest.newBuilder(URI.create(gateway.serviceEndpoint() + "/"))
				.timeout(Duration.ofMillis(200))
				.GET()
				.build();
			assertThatIOException().isThrownBy(() -> http.send(list, HttpResponse.BodyHandlers.ofString()))
				.isInstanceOf(HttpTimeoutException.class);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> gateway.openConnections() == 0);

		// the stalled answers end on connections that are gone: close must not fail on
		// them
		gateway.close();

		assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(3);
	}

}
