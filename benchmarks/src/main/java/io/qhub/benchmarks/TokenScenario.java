package io.qhub.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import reactor.core.publisher.Flux;

/**
 * Scenario 3, tokens: 1,000 concurrent status calls from a fresh client (cold, no token
 * yet) must share one token request; then, with tokens that the client renews 2 s after
 * issue (4 s lifetime, renewed 2 s before expiry), waves of concurrent calls run across
 * the renewal, which must also be one request.
 */
public final class TokenScenario implements Scenario {

	@Override
	public int number() {
		return 3;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		int concurrent = options.smoke() ? 100 : 1000;
		int wave = options.smoke() ? 50 : 200;
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.accessKey(Workload.ACCESS_KEY_ID, Workload.SECRET_ACCESS_KEY)
			.timing(Duration.ofHours(1), Duration.ZERO)
			.tokenTimeToLive(Duration.ofSeconds(4))
			.start(); Target target = Target.local(gateway, Workload.ACCESS_KEY_ID, Workload.SECRET_ACCESS_KEY)) {
			String id;
			try (HubServiceClient setup = target.clientBuilder().build()) {
				id = setup.run(Map.of("i", 0)).id();
			}
			if (!options.smoke()) {
				warmUp(target, id, concurrent);
			}
			target.resetCounts();
			try (HubServiceClient client = target.clientBuilder()
				.tokenRefreshBeforeExpiry(Duration.ofSeconds(2))
				.build()) {
				ReactiveHubServiceClient hub = client.reactive();
				long started = System.nanoTime();
				long answered = Objects.requireNonNull(Flux.range(0, concurrent)
					.flatMap((i) -> hub.getServiceExecution(id), concurrent)
					.count()
					.block(Duration.ofMinutes(2)), "count always emits");
				double coldSeconds = Measurements.secondsSince(started);
				Map<GatewayOperation, Long> cold = target.counts();
				ScenarioResult coldRow = new ScenarioResult("3-tokens", "cold: " + concurrent + " concurrent calls")
					.put(ScenarioResult.N, concurrent)
					.put(ScenarioResult.WALL_SECONDS, coldSeconds)
					.put("answered", answered);
				Measurements.putCalls(coldRow, cold, concurrent)
					.put(ScenarioResult.TARGET, "exactly 1 token request")
					.put("targetMet", cold.getOrDefault(GatewayOperation.TOKEN, 0L) == 1 && answered == concurrent);

				// renewal: waves of calls from 1.5 s to 3 s after the first token; the
				// client renews at 2 s
				target.resetCounts();
				AtomicLong failed = new AtomicLong();
				long calls = 0;
				while (Measurements.secondsSince(started) < 1.5) {
					Thread.sleep(20);
				}
				long renewalStarted = System.nanoTime();
				while (Measurements.secondsSince(started) < 3.0) {
					calls += Objects.requireNonNull(
							Flux.range(0, wave).flatMap((i) -> hub.getServiceExecution(id).onErrorResume((ex) -> {
								failed.incrementAndGet();
								return reactor.core.publisher.Mono.empty();
							}), wave).count().block(Duration.ofMinutes(1)), "count always emits");
				}
				double renewalSeconds = Measurements.secondsSince(renewalStarted);
				Map<GatewayOperation, Long> renewal = target.counts();
				ScenarioResult renewalRow = new ScenarioResult("3-tokens",
						"renewal under load: waves of " + wave + " across the renewal")
					.put(ScenarioResult.N, calls + failed.get())
					.put(ScenarioResult.WALL_SECONDS, renewalSeconds)
					.put("failedCalls", failed.get());
				Measurements.putCalls(renewalRow, renewal, calls + failed.get())
					.put(ScenarioResult.TARGET, "exactly 1 renewal request, no failed call")
					.put("targetMet", renewal.getOrDefault(GatewayOperation.TOKEN, 0L) == 1 && failed.get() == 0);
				return List.of(coldRow, renewalRow);
			}
		}
	}

	private static void warmUp(Target target, String id, int concurrent) {
		for (int round = 0; round < 3; round++) {
			try (HubServiceClient client = target.clientBuilder().build()) {
				ReactiveHubServiceClient hub = client.reactive();
				Flux.range(0, concurrent).flatMap((i) -> hub.getServiceExecution(id), concurrent).blockLast();
			}
		}
	}

}
