package io.qhub.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The injected client runs an execution to SUCCEEDED through a real client-credentials
 * token exchange.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "sample.demo.enabled=false", "sample.embedded-gateway.enabled=false" })
@AutoConfigureLocalHubGateway(accessKeyId = "app-key-id", secretAccessKey = "app-secret")
class TokenExchangeTests {

	@Autowired
	HubServiceClient client;

	@Autowired
	LocalHubGateway gateway;

	@Test
	void runsToSucceededWithATokenFromTheTokenEndpoint() throws Exception {
		assertThat(this.client.isAnonymous()).isFalse();
		assertThat(this.client.serviceEndpoint()).isEqualTo(this.gateway.serviceEndpoint());

		HubServiceExecution execution = this.client.run(Map.of("shots", 7));

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(execution.result().properties()).containsEntry("shots", 7);
		assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isGreaterThanOrEqualTo(1);
		List<RecordedRequest> tokenRequests = this.gateway.requests(GatewayOperation.TOKEN);
		assertThat(tokenRequests).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.header("authorization")).isNotNull();
			assertThat(request.header("content-type")).startsWith("application/x-www-form-urlencoded");
		});
		List<RecordedRequest> serviceCalls = this.gateway.requests()
			.stream()
			.filter((request) -> request.operation() != GatewayOperation.TOKEN)
			.filter((request) -> String.valueOf(request.header("user-agent")).startsWith("qhub-service-client"))
			.toList();
		assertThat(serviceCalls).extracting(RecordedRequest::operation)
			.contains(GatewayOperation.START_EXECUTION, GatewayOperation.GET_STATUS, GatewayOperation.GET_RESULT);
		// the gateway redacts the value; it only answers 2xx to a valid token issued for
		// the key pair
		assertThat(serviceCalls).allSatisfy((request) -> assertThat(request.header("authorization")).isNotNull());
		assertThat(this.gateway.requests(GatewayOperation.TOKEN).get(0).body()).doesNotContain("app-secret");
	}

	@Test
	void gatewayRejectsServiceCallsWithoutAToken() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.gateway.serviceEndpoint() + "/"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
	}

}
