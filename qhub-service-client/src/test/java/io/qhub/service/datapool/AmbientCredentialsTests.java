package io.qhub.service.datapool;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.fixtures.PlatformFixtures;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Ambient platform credentials, as the Python SDK's {@code DefaultCredentialsProvider}
 * and {@code ContextResolver} resolve them: token from {@code KQH_PERSONAL_ACCESS_TOKEN},
 * else {@code auth.value} of the CLI config file ({@code KQH_CONFIG_FILE_PATH}, else
 * {@code ~/.config/planqk/config.json}); organization from {@code KQH_ORGANIZATION_ID},
 * else {@code PLANQK_ORGANIZATION_ID}, else the file's {@code context.id} when
 * {@code context.isOrganization} is true. Every test uses its own variables and a
 * temporary home directory.
 */
class AmbientCredentialsTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	@TempDir
	Path home;

	@TempDir
	Path elsewhere;

	private PlatformEnvironment env(String... pairs) {
		Map<String, String> variables = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			variables.put(pairs[i], pairs[i + 1]);
		}
		return new PlatformEnvironment(variables, this.home);
	}

	private HubPlatformClient platform(PlatformEnvironment environment) {
		return HubPlatformClient.builder()
			.environment(environment)
			.platformEndpoint(PlatformFixtures.platformEndpoint(wm))
			.sleeper(new VirtualTime())
			.build();
	}

	/** Acquires a grant and returns the headers the platform received. */
	private void acquire(HubPlatformClient client) {
		PlatformFixtures.stubGrant(wm, "t");
		client.dataPoolGrants().createGrant("dp-1", "app-1", DataPoolPermission.VIEW).block();
	}

	@Test
	void environmentTokenBeatsTheConfigFile() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				PlatformFixtures.config("file-pat", "org-file", true));
		HubPlatformClient client = platform(env("KQH_PERSONAL_ACCESS_TOKEN", "env-pat"));

		acquire(client);

		wm.verify(1, PlatformFixtures.grantRequests().withHeader("X-Auth-Token", equalTo("env-pat")));
		// the organization still comes from the file's organization context
		wm.verify(1, PlatformFixtures.grantRequests().withHeader("X-OrganizationId", equalTo("org-file")));
	}

	@Test
	void tokenIsReadFromAuthValueOfTheHomeConfigFile() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				PlatformFixtures.config("home-pat", "me", false));
		HubPlatformClient client = platform(env());

		acquire(client);

		assertThat(client.hasApiKey()).isTrue();
		wm.verify(1,
				PlatformFixtures.grantRequests()
					.withHeader("X-Auth-Token", equalTo("home-pat"))
					.withoutHeader("X-OrganizationId"));
	}

	@Test
	void configFilePathVariableBeatsTheHomeConfigFile() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				PlatformFixtures.config("home-pat", "org-home", true));
		Path custom = PlatformFixtures.write(this.elsewhere.resolve("custom.json"),
				PlatformFixtures.config("custom-pat", "org-custom", true));
		HubPlatformClient client = platform(env("KQH_CONFIG_FILE_PATH", custom.toString()));

		acquire(client);

		wm.verify(1,
				PlatformFixtures.grantRequests()
					.withHeader("X-Auth-Token", equalTo("custom-pat"))
					.withHeader("X-OrganizationId", equalTo("org-custom")));
	}

	@Test
	void blankTokenVariableFallsThroughToTheFile() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				PlatformFixtures.config("home-pat", "me", false));
		HubPlatformClient client = platform(env("KQH_PERSONAL_ACCESS_TOKEN", "  "));

		acquire(client);

		wm.verify(1, PlatformFixtures.grantRequests().withHeader("X-Auth-Token", equalTo("home-pat")));
	}

	@Test
	void explicitKeyAndOrganizationBeatAmbientOnes() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				PlatformFixtures.config("home-pat", "org-home", true));
		HubPlatformClient client = HubPlatformClient.builder()
			.apiKey("explicit-pat")
			.organizationId("explicit-org")
			.environment(env("KQH_PERSONAL_ACCESS_TOKEN", "env-pat", "KQH_ORGANIZATION_ID", "env-org"))
			.platformEndpoint(PlatformFixtures.platformEndpoint(wm))
			.build();

		acquire(client);

		wm.verify(1,
				PlatformFixtures.grantRequests()
					.withHeader("X-Auth-Token", equalTo("explicit-pat"))
					.withHeader("X-OrganizationId", equalTo("explicit-org")));
	}

	@Test
	void organizationVariableBeatsLegacyVariableAndContext() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				PlatformFixtures.config("home-pat", "org-file", true));

		assertThat(platform(env("KQH_ORGANIZATION_ID", "org-new", "PLANQK_ORGANIZATION_ID", "org-legacy"))
			.organizationId()).contains("org-new");
		assertThat(platform(env("PLANQK_ORGANIZATION_ID", "org-legacy")).organizationId()).contains("org-legacy");
		assertThat(platform(env()).organizationId()).contains("org-file");
	}

	@Test
	void contextIdIsAnOrganizationOnlyWhenMarkedSo() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				PlatformFixtures.config("home-pat", "user-42", false));
		assertThat(platform(env()).organizationId()).isEmpty();

		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				"{\"auth\":{\"value\":\"home-pat\"},\"context\":{\"id\":\"user-42\"}}");
		assertThat(platform(env()).organizationId()).isEmpty();

		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				PlatformFixtures.config("home-pat", "org-7", true));
		assertThat(platform(env()).organizationId()).contains("org-7");
	}

	@Test
	void missingFileMeansNoKeyAndIsNoError() {
		HubPlatformClient client = platform(env());

		assertThat(client.hasApiKey()).isFalse();
		assertThat(client.organizationId()).isEmpty();
		assertThatIllegalStateException().isThrownBy(client::dataPoolGrants)
			.withMessage("apiKey is required for data pool grant acquisition")
			.withNoCause();
	}

	@Test
	void missingFileAtTheConfiguredPathDoesNotFallBackToHome() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				PlatformFixtures.config("home-pat", "org-home", true));
		HubPlatformClient client = platform(
				env("KQH_CONFIG_FILE_PATH", this.elsewhere.resolve("missing.json").toString()));

		assertThat(client.hasApiKey()).isFalse();
		assertThat(client.organizationId()).isEmpty();
	}

	@Test
	void fileWithoutATokenMeansNoKey() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home), "{\"auth\":{\"value\":\"   \"}}");
		assertThat(platform(env()).hasApiKey()).isFalse();

		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home), "{\"auth\":{\"value\":42}}");
		assertThat(platform(env()).hasApiKey()).isFalse();

		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				"{\"context\":{\"id\":\"org-1\",\"isOrganization\":true}}");
		HubPlatformClient client = platform(env());
		assertThat(client.hasApiKey()).isFalse();
		assertThat(client.organizationId()).contains("org-1");
	}

	@Test
	void malformedFileFailsOnlyWhenAGrantIsNeededAndNamesThePath() {
		Path file = PlatformFixtures.write(PlatformFixtures.homeConfig(this.home), "{not json");

		HubPlatformClient client = platform(env());

		assertThat(client.hasApiKey()).isFalse();
		assertThatIllegalStateException().isThrownBy(client::dataPoolGrants)
			.withMessage("apiKey is required for data pool grant acquisition")
			.havingCause()
			.isInstanceOf(HubClientException.class)
			.withMessageContaining(file.toString());
	}

	@Test
	void malformedFileFailsAGrantRunWithThePathAndSendsNothing() {
		Path file = PlatformFixtures.write(this.elsewhere.resolve("broken.json"), "{not json");
		PlatformEnvironment environment = env("KQH_CONFIG_FILE_PATH", file.toString());
		VirtualTime vt = new VirtualTime();

		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, vt).platformEnvironment(environment).build()) {
			assertThat(client.platformClient()).isEmpty();
			assertThatIllegalStateException()
				.isThrownBy(() -> client.run(Map.of(),
						RunOptions.none().withGrants(new DataPoolGrant("data", "dp-1", "app-1"))))
				.withMessage("apiKey is required for data pool grant acquisition")
				.havingCause()
				.withMessageContaining(file.toString());
		}
		assertThat(LifecycleFixtures.total(wm)).isZero();
	}

	@Test
	void environmentTokenWinsOverAMalformedFile() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home), "{not json");
		HubPlatformClient client = platform(env("KQH_PERSONAL_ACCESS_TOKEN", "env-pat"));

		acquire(client);

		wm.verify(1, PlatformFixtures.grantRequests().withHeader("X-Auth-Token", equalTo("env-pat")));
	}

	@Test
	void explicitKeyWorksDespiteAMalformedFile() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home), "{not json");
		HubPlatformClient client = HubPlatformClient.builder()
			.apiKey("explicit-pat")
			.environment(env())
			.platformEndpoint(PlatformFixtures.platformEndpoint(wm))
			.build();

		acquire(client);

		wm.verify(1, PlatformFixtures.grantRequests().withHeader("X-Auth-Token", equalTo("explicit-pat")));
	}

	@Test
	void serviceClientPicksUpAmbientCredentialsFromItsPlatformEnvironment() {
		PlatformEnvironment environment = env("KQH_PERSONAL_ACCESS_TOKEN", "env-pat", "KQH_ORGANIZATION_ID", "org-5");

		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, new VirtualTime())
			.platformEnvironment(environment)
			.build()) {
			assertThat(client.platformClient()).isPresent();
			assertThat(client.platformClient().get().hasApiKey()).isTrue();
			assertThat(client.platformClient().get().organizationId()).contains("org-5");
			assertThat(client.platformClient().get().platformEndpoint())
				.isEqualTo(HubPlatformClient.DEFAULT_PLATFORM_ENDPOINT);
			assertThat(client.platformClient().get().toString()).doesNotContain("env-pat");
		}
		assertThat(LifecycleFixtures.total(wm)).isZero();
	}

	@Test
	void serviceClientPicksUpTheConfigFileInItsHome() {
		PlatformFixtures.write(PlatformFixtures.homeConfig(this.home),
				PlatformFixtures.config("home-pat", "org-home", true));

		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, new VirtualTime())
			.platformEnvironment(env())
			.build()) {
			assertThat(client.platformClient()).isPresent();
			assertThat(client.platformClient().get().organizationId()).contains("org-home");
		}
	}

	@Test
	void explicitPlatformClientIsUsedInsteadOfAmbientCredentials() {
		HubPlatformClient explicit = PlatformFixtures.platform(wm, this.home).build();

		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, new VirtualTime())
			.platformClient(explicit)
			.platformEnvironment(env("KQH_PERSONAL_ACCESS_TOKEN", "env-pat", "KQH_ORGANIZATION_ID", "org-5"))
			.build()) {
			assertThat(client.platformClient()).containsSame(explicit);
		}
	}

}
