package io.qhub.service.client;

import java.time.Duration;

import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.core.TransportRetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Builder validation and what a built client shows of itself. */
class HubServiceClientBuilderTests {

	private static final String ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/svc/1.0.0";

	@Test
	void missingSecretIsNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HubServiceClient.builder().serviceEndpoint(ENDPOINT).accessKeyId("id").build())
			.withMessageContaining("secretAccessKey");
	}

	@Test
	void blankSecretCountsAsMissing() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HubServiceClient.builder()
				.serviceEndpoint(ENDPOINT)
				.accessKeyId("id")
				.secretAccessKey("  ")
				.build())
			.withMessageContaining("secretAccessKey");
	}

	@Test
	void missingKeyIdIsNamedAndTheSecretIsNotShown() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> HubServiceClient.builder().serviceEndpoint(ENDPOINT).secretAccessKey("s3cr+t/=:x").build())
			.withMessageContaining("accessKeyId")
			.withMessageNotContaining("s3cr+t/=:x");
	}

	@Test
	void missingEndpointIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> HubServiceClient.builder().build())
			.withMessageContaining("serviceEndpoint");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "   ", "not a url", "ftp://gateway.example/acme/svc/1.0.0", "http://",
			"gateway.example/acme/svc", "/acme/svc/1.0.0", "https://gateway.example/svc?x=1",
			"https://gateway.example/svc#frag", "https://exa mple.com/svc" })
	void malformedEndpointIsNamed(String endpoint) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HubServiceClient.builder().serviceEndpoint(endpoint).build())
			.withMessageContaining("serviceEndpoint");
	}

	@Test
	void malformedTokenEndpointIsNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HubServiceClient.builder()
				.serviceEndpoint(ENDPOINT)
				.accessKeyId("id")
				.secretAccessKey("secret")
				.tokenEndpoint("ftp://gateway.example/token")
				.build())
			.withMessageContaining("tokenEndpoint");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8081", "HTTPS://gateway.example/acme/svc/1.0.0/" })
	void httpAndHttpsEndpointsAreAccepted(String endpoint) {
		try (HubServiceClient client = HubServiceClient.builder().serviceEndpoint(endpoint).build()) {
			assertThat(client.api()).isNotNull();
			assertThat(client.toString()).containsIgnoringCase(endpoint.replaceAll("/+$", ""));
		}
	}

	@Test
	void durationsAndLimitsAreValidated() {
		assertThatIllegalArgumentException().isThrownBy(() -> HubServiceClient.builder().connectTimeout(Duration.ZERO))
			.withMessageContaining("connectTimeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HubServiceClient.builder().readTimeout(Duration.ofSeconds(-1)))
			.withMessageContaining("readTimeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HubServiceClient.builder().tokenRefreshBeforeExpiry(Duration.ofSeconds(-1)))
			.withMessageContaining("tokenRefreshBeforeExpiry");
		assertThatIllegalArgumentException().isThrownBy(() -> HubServiceClient.builder().maxConnections(0))
			.withMessageContaining("maxConnections");
	}

	@Test
	void retryPolicyIsValidated() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TransportRetryPolicy(0, Duration.ZERO, Duration.ZERO, 0))
			.withMessageContaining("maxAttempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TransportRetryPolicy(2, Duration.ofSeconds(-1), Duration.ZERO, 0))
			.withMessageContaining("initialBackoff");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TransportRetryPolicy(2, Duration.ZERO, Duration.ZERO, 1.5))
			.withMessageContaining("jitter");
	}

	@Test
	void toStringNamesTheEndpointButNeverTheSecret() {
		try (HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(ENDPOINT + "/")
			.accessKeyId("my id")
			.secretAccessKey("s3cr+t/=:x")
			.tokenEndpoint("https://gateway.example/token")
			.build()) {
			assertThat(client.toString()).contains(ENDPOINT)
				.contains("https://gateway.example/token")
				.doesNotContain("s3cr+t/=:x")
				.doesNotContain("s3cr");
			assertThat(client.api().toString()).doesNotContain("s3cr");
			assertThat(client.api().reactive().toString()).contains(ENDPOINT).doesNotContain("s3cr");
		}
	}

	@Test
	void anonymousClientSaysSoInToString() {
		try (HubServiceClient client = HubServiceClient.builder().serviceEndpoint(ENDPOINT).build()) {
			assertThat(client.toString()).contains("auth=anonymous");
		}
	}

	@Test
	void withoutATokenEndpointAServiceOnTheHubUsesTheHubsTokenEndpoint() {
		try (HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint("https://gateway.hub.kipu-quantum.com/acme/svc/1.0.0")
			.accessKeyId("id")
			.secretAccessKey("secret")
			.build()) {
			assertThat(client.toString()).contains("at " + HubServiceClient.DEFAULT_TOKEN_ENDPOINT + "]");
		}
	}

	@Test
	void withoutATokenEndpointAnyOtherHostGetsItsOwnOriginsTokenEndpoint() {
		try (HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint("http://127.0.0.1:8081/local/echo/1.0.0")
			.accessKeyId("id")
			.secretAccessKey("secret")
			.build()) {
			assertThat(client.toString()).contains("at http://127.0.0.1:8081/token]").doesNotContain("kipu-quantum");
		}
	}

	@Test
	void anExplicitTokenEndpointIsCheckedEvenWithoutAKeyPair() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(
					() -> HubServiceClient.builder().serviceEndpoint(ENDPOINT).tokenEndpoint("file:///token").build())
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("tokenEndpoint"));
	}

}
