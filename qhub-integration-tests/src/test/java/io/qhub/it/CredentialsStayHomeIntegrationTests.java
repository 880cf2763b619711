package io.qhub.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.datapool.DataPoolGrant;
import io.qhub.service.datapool.HubPlatformClient;
import io.qhub.service.datapool.PlatformEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bearer token, the key pair and the platform key go only to their configured hosts:
 * with a second loopback server on another port, neither a redirect nor a HAL
 * {@code href} pointing at it makes the client send it anything.
 */
class CredentialsStayHomeIntegrationTests {

	private static final String SERVICE = "/acme/svc/1.0.0";

	@RegisterExtension
	static WireMockExtension home = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static WireMockExtension elsewhere = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private HubServiceClient client() {
		home.stubFor(post(urlPathEqualTo("/token"))
			.willReturn(okJson("{\"access_token\":\"home-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{}")));
		return HubServiceClient.builder()
			.serviceEndpoint(home.baseUrl() + SERVICE)
			.tokenEndpoint(home.baseUrl() + "/token")
			.accessKeyId("id")
			.secretAccessKey("secret")
			.platformEnvironment(new PlatformEnvironment(Map.of(), Path.of("/nonexistent")))
			.build();
	}

	@Test
	void gatewayRedirectIsNotFollowed() {
		try (HubServiceClient client = client()) {
			home.stubFor(get(urlPathEqualTo(SERVICE + "/e1"))
				.willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere.baseUrl() + SERVICE + "/e1")));
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.api().getStatus("e1"))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(302));
		}
		assertThat(elsewhere.getAllServeEvents()).isEmpty();
	}

	@Test
	void resultLinksToAnotherHostAreNeverFollowed(@TempDir Path downloads) throws Exception {
		try (HubServiceClient client = client()) {
			home.stubFor(get(urlPathEqualTo(SERVICE + "/e2"))
				.willReturn(okJson("{\"id\":\"e2\",\"status\":\"SUCCEEDED\"}")));
			home.stubFor(get(urlPathEqualTo(SERVICE + "/e2/result"))
				.willReturn(okJson("{\"_links\":{" + "\"status\":{\"href\":\"" + elsewhere.baseUrl() + SERVICE
						+ "/e2\"}," + "\"out.txt\":{\"href\":\"" + elsewhere.baseUrl() + "/steal/out.txt\"}}}")));
			home.stubFor(get(urlPathEqualTo(SERVICE + "/e2/result/out.txt"))
				.willReturn(aResponse().withStatus(200).withBody("from home")));
			HubServiceExecution execution = client.getServiceExecution("e2");
			assertThat(execution.resultFiles()).containsExactly("out.txt");
			Path file = execution.downloadResultFile("out.txt", downloads);
			assertThat(Files.readString(file)).isEqualTo("from home");
		}
		assertThat(elsewhere.getAllServeEvents()).isEmpty();
	}

	@Test
	void tokenEndpointRedirectIsNotFollowed() {
		home.stubFor(post(urlPathEqualTo("/token2"))
			.willReturn(aResponse().withStatus(307).withHeader("Location", elsewhere.baseUrl() + "/token")));
		elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{}")));
		try (HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(home.baseUrl() + SERVICE)
			.tokenEndpoint(home.baseUrl() + "/token2")
			.accessKeyId("id")
			.secretAccessKey("secret")
			.platformEnvironment(new PlatformEnvironment(Map.of(), Path.of("/nonexistent")))
			.build()) {
			assertThatExceptionOfType(HubTokenException.class).isThrownBy(() -> client.api().getStatus("e3"));
		}
		assertThat(elsewhere.getAllServeEvents()).isEmpty();
	}

	@Test
	void platformRedirectIsNotFollowed() {
		home.stubFor(post(urlPathEqualTo("/qc-catalog/data-pool-grants")).willReturn(aResponse().withStatus(302)
			.withHeader("Location", elsewhere.baseUrl() + "/qc-catalog/data-pool-grants")));
		HubPlatformClient platform = HubPlatformClient.builder()
			.apiKey("platform-key")
			.organizationId("org")
			.platformEndpoint(home.baseUrl() + "/qc-catalog")
			.build();
		try (HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(home.baseUrl() + SERVICE)
			.platformClient(platform)
			.build()) {
			elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{}")));
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client.run(Map.of(),
					RunOptions.none().withGrants(new DataPoolGrant("data", "dp-1", "app-1"))));
		}
		assertThat(elsewhere.getAllServeEvents()).isEmpty();
	}

}
