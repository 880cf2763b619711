package io.qhub.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.RunOptions;
import io.qhub.service.datapool.DataPoolGrant;
import io.qhub.service.datapool.HubPlatformClient;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import reactor.core.publisher.Flux;

/**
 * Scenario 4, grants: 100 concurrent runs with the same data-pool grant must share one
 * platform call; a second wave while the grant is valid must make none.
 */
public final class GrantScenario implements Scenario {

	private static final String PLATFORM_KEY = "bench-platform-key";

	@Override
	public int number() {
		return 4;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		int concurrent = options.smoke() ? 20 : 100;
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.platformApiKey(PLATFORM_KEY)
			.timing(Duration.ZERO, Duration.ofMillis(200))
			.start(); Target target = Target.local(gateway, null, null)) {
			HubPlatformClient platform = HubPlatformClient.builder()
				.apiKey(PLATFORM_KEY)
				.organizationId("bench-org")
				.platformEndpoint(gateway.platformEndpoint())
				.environment(new PlatformEnvironment(Map.of(), java.nio.file.Path.of("/nonexistent-qhub-home")))
				.build();
			RunOptions grant = RunOptions.none().withGrants(new DataPoolGrant("pool", "datapool-1", "application-1"));
			try (HubServiceClient client = target.clientBuilder().platformClient(platform).build()) {
				ReactiveHubServiceClient hub = client.reactive();
				target.resetCounts();
				long started = System.nanoTime();
				long runs = Objects.requireNonNull(Flux.range(0, concurrent)
					.flatMap((i) -> hub.run(Map.of("i", i), grant), concurrent)
					.count()
					.block(Duration.ofMinutes(2)), "count always emits");
				double seconds = Measurements.secondsSince(started);
				Map<GatewayOperation, Long> first = target.counts();
				target.resetCounts();
				Flux.range(0, concurrent).flatMap((i) -> hub.run(Map.of("i", i), grant), concurrent).blockLast();
				long secondWave = target.counts().getOrDefault(GatewayOperation.DATA_POOL_GRANT, 0L);
				ScenarioResult row = new ScenarioResult("4-grants", concurrent + " concurrent runs, same grant")
					.put(ScenarioResult.N, concurrent)
					.put(ScenarioResult.WALL_SECONDS, seconds)
					.put("started", runs);
				Measurements.putCalls(row, first, concurrent)
					.put("grantCallsSecondWave", secondWave)
					.put(ScenarioResult.TARGET, "exactly 1 platform call")
					.put("targetMet",
							first.getOrDefault(GatewayOperation.DATA_POOL_GRANT, 0L) == 1 && runs == concurrent);
				return List.of(row);
			}
		}
	}

}
