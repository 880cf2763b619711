package io.qhub.test.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

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

}
