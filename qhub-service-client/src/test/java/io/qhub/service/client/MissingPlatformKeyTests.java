package io.qhub.service.client;

import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.fixtures.PlatformFixtures;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.datapool.DataPoolGrant;
import io.qhub.service.datapool.HubPlatformClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A client without any platform key (no platform client, no variables, an empty home):
 * grants fail fast with the SDK's message and nothing is sent, while runs without grants
 * still work.
 */
class MissingPlatformKeyTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	@TempDir
	Path home;

	private HubServiceClient client;

	private final RunOptions withGrant = RunOptions.none().withGrants(new DataPoolGrant("data", "dp-1", "app-1"));

	@BeforeEach
	void setUp() {
		this.client = LifecycleFixtures.anonymous(wm, new VirtualTime())
			.platformEnvironment(PlatformFixtures.emptyEnvironment(this.home))
			.build();
		wm.stubFor(post(urlPathEqualTo(LifecycleFixtures.BASE + "/"))
			.willReturn(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING"))));
		PlatformFixtures.stubGrant(wm, "t");
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void noPlatformClientWithoutAnyKey() {
		assertThat(this.client.platformClient()).isEmpty();
		assertThat(this.client.reactive().platformClient()).isEmpty();
	}

	@Test
	void grantRunFailsFastAndSendsNothing() {
		assertThatIllegalStateException().isThrownBy(() -> this.client.run(Map.of("shots", 1), this.withGrant))
			.withMessage("apiKey is required for data pool grant acquisition")
			.withNoCause();

		assertThat(LifecycleFixtures.total(wm)).isZero();
	}

	@Test
	void reactiveGrantRunFailsOnSubscriptionAndSendsNothing() {
		Mono<ReactiveHubServiceExecution> run = this.client.reactive().run(Map.of("shots", 1), this.withGrant);

		StepVerifier.create(run)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessage("apiKey is required for data pool grant acquisition"))
			.verify();
		assertThat(LifecycleFixtures.total(wm)).isZero();
	}

	@Test
	void runWithoutGrantsNeedsNoPlatformKey() {
		HubServiceExecution execution = this.client.run(Map.of("shots", 1), RunOptions.none().withTags("t"));

		assertThat(execution.id()).isEqualTo(LifecycleFixtures.ID);
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(1);
		assertThat(PlatformFixtures.grantCalls(wm)).isZero();
	}

	@Test
	void explicitPlatformClientWithoutKeyCountsAsNone() {
		HubPlatformClient keyless = HubPlatformClient.builder()
			.environment(PlatformFixtures.emptyEnvironment(this.home))
			.platformEndpoint(PlatformFixtures.platformEndpoint(wm))
			.build();

		try (HubServiceClient withKeyless = LifecycleFixtures.anonymous(wm, new VirtualTime())
			.platformClient(keyless)
			.build()) {
			assertThat(withKeyless.platformClient()).isEmpty();
			assertThatIllegalStateException().isThrownBy(() -> withKeyless.run(Map.of(), this.withGrant))
				.withMessage("apiKey is required for data pool grant acquisition");
		}
		assertThat(LifecycleFixtures.total(wm)).isZero();
	}

}
