package io.qhub.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the exact token request on the wire: HTTP Basic with the key id and secret
 * <em>not</em> URL-encoded (as the official SDK sends them), a form body of exactly
 * {@code grant_type=client_credentials} and no scope.
 */
class TokenRequestWireFormatIntegrationTests {

	private static final String ACCESS_KEY_ID = "AKID+1/2=";

	private static final String SECRET = "s3+cr/t=:x%20y";

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@Test
	void sendsBasicCredentialsVerbatimAndAFormBodyWithOnlyTheGrantType() {
		server.stubFor(post(urlEqualTo("/oauth2/token")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"token-1\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
		server.stubFor(get(urlEqualTo("/svc/x")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\":\"x\",\"status\":\"SUCCEEDED\"}")));

		try (HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(server.baseUrl() + "/svc")
			.accessKeyId(ACCESS_KEY_ID)
			.secretAccessKey(SECRET)
			.tokenEndpoint(server.baseUrl() + "/oauth2/token")
			.build()) {
			assertThat(client.api().getStatus("x").status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		}

		List<LoggedRequest> tokenRequests = server.findAll(postRequestedFor(urlEqualTo("/oauth2/token")));
		assertThat(tokenRequests).hasSize(1);
		LoggedRequest tokenRequest = tokenRequests.get(0);
		String expectedBasic = Base64.getEncoder()
			.encodeToString((ACCESS_KEY_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
		assertThat(tokenRequest.getHeader("Authorization")).isEqualTo("Basic " + expectedBasic);
		assertThat(tokenRequest.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(tokenRequest.getBodyAsString()).isEqualTo("grant_type=client_credentials");

		server.verify(1, getRequestedFor(urlEqualTo("/svc/x")).withHeader("Authorization", equalTo("Bearer token-1")));
	}

}
