package io.qhub.service.datapool;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.fixtures.PlatformFixtures;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.testing.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grant cache behind {@code run(.., withGrants(..))}: one platform call per
 * {@code (datapoolId, applicationId,
 * permission)} for concurrent runs, reuse until 30 s before the JWT's {@code exp} on the
 * client's clock, and no caching of tokens whose expiry cannot be read.
 */
class DataPoolGrantCacheTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	@TempDir
	Path home;

	private final VirtualTime vt = new VirtualTime();

	private final Instant start = this.vt.instant();

	private HubServiceClient client;

	@BeforeEach
	void setUp() {
		HubPlatformClient platform = PlatformFixtures.platform(wm, this.home).clock(this.vt).sleeper(this.vt).build();
		this.client = LifecycleFixtures.anonymous(wm, this.vt)
			.platformClient(platform)
			.platformEnvironment(PlatformFixtures.emptyEnvironment(this.home))
			.build();
		wm.stubFor(post(urlPathEqualTo(LifecycleFixtures.BASE + "/"))
			.willReturn(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING"))));
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	private static RequestPatternBuilder starts() {
		return postRequestedFor(urlPathEqualTo(LifecycleFixtures.BASE + "/"));
	}

	private static RunOptions grant(DataPoolGrant grant) {
		return RunOptions.none().withGrants(grant);
	}

	/**
	 * Stubs the grant endpoint to answer these tokens in order, one per call; the last
	 * repeats.
	 */
	private static void stubGrantSequence(String... tokens) {
		for (int i = 0; i < tokens.length; i++) {
			var stub = post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH)).inScenario("grants")
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "call " + i)
				.willReturn(okJson(PlatformFixtures.tokenJson(tokens[i])));
			if (i + 1 < tokens.length) {
				stub = stub.willSetStateTo("call " + (i + 1));
			}
			wm.stubFor(stub);
		}
	}

	private static RequestPatternBuilder startCarrying(String jwt) {
		return starts().withRequestBody(matchingJsonPath("$.data.grant", equalTo(jwt)));
	}

	@Test
	void hundredConcurrentRunsWithTheSameGrantMakeOnePlatformCall() {
		PlatformFixtures.stubGrant(wm, PlatformFixtures.jwtExpiringAt(this.start.plusSeconds(3600), "shared"));
		DataPoolGrant grant = new DataPoolGrant("data", "dp-1", "app-1");

		List<ReactiveHubServiceExecution> executions = Flux.range(0, 100)
			.flatMap((i) -> this.client.reactive().run(Map.of("i", i), RunOptions.none().withGrants(grant)), 100)
			.collectList()
			.block();

		int platformCalls = PlatformFixtures.grantCalls(wm);
		System.out.println("PLATFORM-CALLS for 100 concurrent runs: " + platformCalls);
		assertThat(executions).hasSize(100);
		assertThat(platformCalls).isEqualTo(1);
		assertThat(LifecycleFixtures.count(wm, starts())).isEqualTo(100);
		assertThat(LifecycleFixtures.count(wm,
				startCarrying(PlatformFixtures.jwtExpiringAt(this.start.plusSeconds(3600), "shared"))))
			.isEqualTo(100);
	}

	@Test
	void concurrentCallersShareOneInFlightCallEvenForATokenThatIsNotCached() {
		String jwt = PlatformFixtures.jwtWithoutExp("in-flight");
		wm.stubFor(post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH))
			.willReturn(okJson(PlatformFixtures.tokenJson(jwt)).withFixedDelay(300)));
		DataPoolGrant grant = new DataPoolGrant("data", "dp-1", "app-1");

		try (HubPlatformClient platform = PlatformFixtures.platform(wm, this.home).clock(this.vt).build()) {
			List<String> tokens = Flux.range(0, 100)
				.flatMap((i) -> platform.grant(grant), 100)
				.collectList()
				.block(Duration.ofSeconds(10));

			assertThat(tokens).hasSize(100).containsOnly(jwt);
			assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
			// without exp the token is not kept: the next caller asks again
			assertThat(platform.grant(grant).block(Duration.ofSeconds(10))).isEqualTo(jwt);
			assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(2);
		}
	}

	@Test
	void differentTuplesAreAcquiredSeparately() {
		PlatformFixtures.stubGrant(wm, PlatformFixtures.jwtExpiringAt(this.start.plusSeconds(3600), "any"));
		List<DataPoolGrant> grants = List.of(new DataPoolGrant("data", "dp-1", "app-1", DataPoolPermission.VIEW),
				new DataPoolGrant("data", "dp-2", "app-1", DataPoolPermission.VIEW),
				new DataPoolGrant("data", "dp-1", "app-2", DataPoolPermission.VIEW),
				new DataPoolGrant("data", "dp-1", "app-1", DataPoolPermission.MODIFY));

		for (int round = 0; round < 2; round++) {
			Flux.fromIterable(grants).flatMap((g) -> this.client.reactive().run(Map.of(), grant(g))).blockLast();
		}

		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(4);
		for (DataPoolGrant g : grants) {
			wm.verify(1,
					PlatformFixtures.grantRequests()
						.withRequestBody(equalToJson("{\"datapoolId\":\"" + g.datapoolId() + "\",\"applicationId\":\""
								+ g.applicationId() + "\",\"permission\":\"" + g.permission() + "\"}")));
		}
		assertThat(LifecycleFixtures.count(wm, starts())).isEqualTo(8);
	}

	@Test
	void grantIsReusedUntilThirtySecondsBeforeExpiry() {
		String first = PlatformFixtures.jwtExpiringAt(this.start.plusSeconds(300), "first");
		String second = PlatformFixtures.jwtExpiringAt(this.start.plusSeconds(600), "second");
		stubGrantSequence(first, second);
		RunOptions options = grant(new DataPoolGrant("data", "dp-1", "app-1"));

		this.client.run(Map.of(), options);
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);

		this.vt.advance(Duration.ofSeconds(269));
		this.client.run(Map.of(), options);
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
		assertThat(LifecycleFixtures.count(wm, startCarrying(first))).isEqualTo(2);

		this.vt.advance(Duration.ofSeconds(2));
		this.client.run(Map.of(), options);
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(2);
		assertThat(LifecycleFixtures.count(wm, startCarrying(second))).isEqualTo(1);

		// the fresh token is cached in turn
		this.client.run(Map.of(), options);
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(2);
		assertThat(LifecycleFixtures.count(wm, startCarrying(second))).isEqualTo(2);
	}

	@Test
	void grantIsRefetchedExactlyThirtySecondsBeforeExpiry() {
		PlatformFixtures.stubGrant(wm, PlatformFixtures.jwtExpiringAt(this.start.plusSeconds(300), "edge"));
		RunOptions options = grant(new DataPoolGrant("data", "dp-1", "app-1"));

		this.client.run(Map.of(), options);
		this.vt.advance(Duration.ofSeconds(270));
		this.client.run(Map.of(), options);

		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(2);
	}

	@Test
	void tokenExpiringWithinThirtySecondsIsNotReused() {
		PlatformFixtures.stubGrant(wm, PlatformFixtures.jwtExpiringAt(this.start.plusSeconds(20), "short"));
		RunOptions options = grant(new DataPoolGrant("data", "dp-1", "app-1"));

		this.client.run(Map.of(), options);
		this.client.run(Map.of(), options);

		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(2);
		assertThat(LifecycleFixtures.count(wm, starts())).isEqualTo(2);
	}

	@Test
	void tokenWithoutExpIsUsedOnceAndNotCached() {
		String jwt = PlatformFixtures.jwtWithoutExp("no-exp");
		PlatformFixtures.stubGrant(wm, jwt);
		RunOptions options = grant(new DataPoolGrant("data", "dp-1", "app-1"));

		this.client.run(Map.of(), options);
		this.client.run(Map.of(), options);

		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(2);
		assertThat(LifecycleFixtures.count(wm, startCarrying(jwt))).isEqualTo(2);
	}

	@Test
	void unreadableTokenIsUsedAsIsAndNotCached() {
		PlatformFixtures.stubGrant(wm, "not-a-jwt");
		RunOptions options = grant(new DataPoolGrant("data", "dp-1", "app-1"));

		this.client.run(Map.of(), options);
		this.client.run(Map.of(), options);

		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(2);
		assertThat(LifecycleFixtures.count(wm, startCarrying("not-a-jwt"))).isEqualTo(2);
	}

	@Test
	void tokenWithAPayloadThatIsNotJsonIsNotCached() {
		PlatformFixtures.stubGrant(wm, "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln");
		RunOptions options = grant(new DataPoolGrant("data", "dp-1", "app-1"));

		this.client.run(Map.of(), options);
		this.client.run(Map.of(), options);

		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(2);
	}

}
