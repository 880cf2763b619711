package io.qhub.test.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalHubGatewayRedirectFaultTests {

	@Test
	void aRedirectFaultAnswersWithItsStatusAndLocationOnce() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().start()) {
			String location = gateway.serviceEndpoint() + "/elsewhere";
			gateway.inject(InjectedFault.redirect(GatewayOperation.GET_SERVICE_EXECUTIONS, 302, location));
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest list = HttpRequest.newBuilder(URI.create(gateway.serviceEndpoint() + "/")).GET().build();

			HttpResponse<String> redirected = http.send(list, HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> next = http.send(list, HttpResponse.BodyHandlers.ofString());

			assertThat(redirected.statusCode()).isEqualTo(302);
			assertThat(redirected.headers().firstValue("Location")).hasValue(location);
			assertThat(next.statusCode()).isEqualTo(200);
			assertThat(next.headers().firstValue("Location")).isEmpty();
			assertThat(gateway.answeredStatuses(GatewayOperation.GET_SERVICE_EXECUTIONS)).containsEntry(302, 1L)
				.containsEntry(200, 1L);
			assertThat(gateway.injectedFaults(GatewayOperation.GET_SERVICE_EXECUTIONS)).singleElement()
				.satisfies((fault) -> assertThat(fault.rewrite().headers()).containsEntry("Location", location));
		}
	}

	@Test
	void aRedirectFaultNeedsARedirectStatus() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InjectedFault.redirect(GatewayOperation.GET_STATUS, 200, "http://localhost/"))
			.withMessageContaining("3xx");
	}

}
