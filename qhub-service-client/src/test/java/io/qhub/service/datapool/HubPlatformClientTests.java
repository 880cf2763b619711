package io.qhub.service.datapool;

import java.nio.file.Path;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.fixtures.PlatformFixtures;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link HubPlatformClient} and {@link DataPoolGrantsApi} on the wire.
 * <p>
 * <strong>The grant wire shape asserted here is NOT confirmed by any public
 * specification</strong> (see {@code service-api.md} §d and open question (h)1):
 * {@code POST {platform}/data-pool-grants}, JSON body
 * {@code {"datapoolId","applicationId","permission"}}, headers {@code X-Auth-Token} and
 * (when set) {@code X-OrganizationId}, a 2xx answer carrying the JWT in {@code token}.
 * Only the base URL, the {@code X-Auth-Token} header and the optional
 * {@code X-OrganizationId} header are documented. These tests pin the client's best
 * reading so that a correction shows up as a deliberate change here and in
 * {@link DataPoolGrantsApi}.
 */
class HubPlatformClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	@TempDir
	Path home;

	private HubPlatformClient.Builder platform() {
		return PlatformFixtures.platform(wm, this.home).sleeper(new VirtualTime());
	}

	@Test
	void createGrantPostsTheGrantSpecificationWithKeyAndOrganization() {
		String jwt = PlatformFixtures.jwtWithoutExp("wire");
		PlatformFixtures.stubGrant(wm, jwt);
		HubPlatformClient client = HubPlatformClient.builder()
			.apiKey("pat-1")
			.organizationId("org-9")
			.platformEndpoint(wm.baseUrl() + "/qc-catalog")
			.build();

		String token = client.dataPoolGrants().createGrant("dp-1", "app-1", DataPoolPermission.VIEW).block();

		assertThat(token).isEqualTo(jwt);
		wm.verify(1, PlatformFixtures.grantRequests()
			.withHeader("X-Auth-Token", equalTo("pat-1"))
			.withHeader("X-OrganizationId", equalTo("org-9"))
			.withHeader("Content-Type", containing("application/json"))
			.withHeader("Accept", containing("application/json"))
			.withRequestBody(
					equalToJson("{\"datapoolId\":\"dp-1\",\"applicationId\":\"app-1\",\"permission\":\"VIEW\"}")));
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(1);
	}

	@Test
	void modifyPermissionIsSentByName() {
		PlatformFixtures.stubGrant(wm, "t");

		platform().build().dataPoolGrants().createGrant("dp-2", "app-2", DataPoolPermission.MODIFY).block();

		wm.verify(1, PlatformFixtures.grantRequests()
			.withRequestBody(
					equalToJson("{\"datapoolId\":\"dp-2\",\"applicationId\":\"app-2\",\"permission\":\"MODIFY\"}")));
	}

	@Test
	void noOrganizationHeaderWithoutOrganization() {
		PlatformFixtures.stubGrant(wm, "t");
		HubPlatformClient client = HubPlatformClient.builder()
			.apiKey("pat-1")
			.platformEndpoint(PlatformFixtures.platformEndpoint(wm))
			.environment(PlatformFixtures.emptyEnvironment(this.home))
			.build();

		client.dataPoolGrants().createGrant("dp-1", "app-1", DataPoolPermission.VIEW).block();

		assertThat(client.organizationId()).isEmpty();
		wm.verify(1,
				PlatformFixtures.grantRequests()
					.withHeader("X-Auth-Token", equalTo("pat-1"))
					.withoutHeader("X-OrganizationId"));
	}

	@Test
	void trailingSlashOfTheEndpointIsDropped() {
		PlatformFixtures.stubGrant(wm, "t");
		HubPlatformClient client = platform().platformEndpoint(PlatformFixtures.platformEndpoint(wm) + "/").build();

		client.dataPoolGrants().createGrant("dp-1", "app-1", DataPoolPermission.VIEW).block();

		assertThat(client.platformEndpoint()).isEqualTo(PlatformFixtures.platformEndpoint(wm));
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
	}

	@Test
	void answerWithoutTokenIsATransportError() {
		wm.stubFor(post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH))
			.willReturn(okJson("{\"jwt\":\"x\",\"expiresAt\":1}")));
		DataPoolGrantsApi grants = platform().build().dataPoolGrants();

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> grants.createGrant("dp-1", "app-1", DataPoolPermission.VIEW).block())
			.withMessageContaining("POST /data-pool-grants")
			.withMessageContaining("token");
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
	}

	@Test
	void blankTokenIsATransportError() {
		wm.stubFor(post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH)).willReturn(okJson("{\"token\":\"  \"}")));
		DataPoolGrantsApi grants = platform().build().dataPoolGrants();

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> grants.createGrant("dp-1", "app-1", DataPoolPermission.VIEW).block());
	}

	@Test
	void emptyAnswerIsATransportError() {
		wm.stubFor(post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH)).willReturn(aResponse().withStatus(201)));
		DataPoolGrantsApi grants = platform().build().dataPoolGrants();

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> grants.createGrant("dp-1", "app-1", DataPoolPermission.VIEW).block())
			.withMessageContaining("empty body");
	}

	@ParameterizedTest
	@ValueSource(ints = { 401, 403 })
	void rejectedKeyIsAnApiErrorAndNotRetried(int status) {
		wm.stubFor(post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH))
			.willReturn(aResponse().withStatus(status).withBody("{\"message\":\"denied\"}")));
		VirtualTime sleeper = new VirtualTime();
		DataPoolGrantsApi grants = platform().sleeper(sleeper).build().dataPoolGrants();

		assertThatExceptionOfType(HubApiException.class)
			.isThrownBy(() -> grants.createGrant("dp-1", "app-1", DataPoolPermission.VIEW).block())
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(status);
				assertThat(ex.operation()).isEqualTo("POST /data-pool-grants");
				assertThat(ex.responseBody()).contains("denied");
				assertThat(ex.getMessage()).doesNotContain("pat-1");
			});
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
		assertThat(sleeper.sleeps()).isEmpty();
	}

	@Test
	void serverErrorOnThePostIsNotRetried() {
		wm.stubFor(post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH)).willReturn(aResponse().withStatus(503)));
		VirtualTime sleeper = new VirtualTime();
		DataPoolGrantsApi grants = platform().sleeper(sleeper).build().dataPoolGrants();

		assertThatExceptionOfType(HubApiException.class)
			.isThrownBy(() -> grants.createGrant("dp-1", "app-1", DataPoolPermission.VIEW).block())
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503));
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
	}

	@Test
	void accessorsAndToStringNeverShowTheKey() {
		HubPlatformClient client = platform().build();

		assertThat(client.hasApiKey()).isTrue();
		assertThat(client.organizationId()).contains("org-9");
		assertThat(client.toString()).doesNotContain("pat-1").contains("******").contains("org-9");
		assertThat(client.dataPoolGrants().toString()).doesNotContain("pat-1");
	}

	@Test
	void defaultEndpointIsThePublicPlatform() {
		HubPlatformClient client = HubPlatformClient.builder()
			.apiKey("pat-1")
			.organizationId("org-9")
			.environment(PlatformFixtures.emptyEnvironment(this.home))
			.build();

		assertThat(client.platformEndpoint()).isEqualTo("https://api.hub.kipu-quantum.com/qc-catalog");
	}

	@Test
	void blankKeyCountsAsNone() {
		HubPlatformClient client = HubPlatformClient.builder()
			.apiKey("   ")
			.organizationId(" ")
			.environment(PlatformFixtures.emptyEnvironment(this.home))
			.build();

		assertThat(client.hasApiKey()).isFalse();
		assertThat(client.organizationId()).isEmpty();
		assertThat(client.toString()).contains("apiKey=none");
		assertThatIllegalStateException().isThrownBy(client::dataPoolGrants)
			.withMessage("apiKey is required for data pool grant acquisition");
	}

	@Test
	void malformedEndpointIsRejected() {
		for (String endpoint : new String[] { "ftp://x", "not a url", " " }) {
			assertThatExceptionOfType(InvalidSettingException.class)
				.isThrownBy(() -> HubPlatformClient.builder().apiKey("pat").platformEndpoint(endpoint).build())
				.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("platformEndpoint"));
		}
	}

}
