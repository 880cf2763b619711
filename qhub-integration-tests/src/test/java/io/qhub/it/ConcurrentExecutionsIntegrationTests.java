package io.qhub.it;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactive batch use against the local gateway over loopback: 1,000 executions of 200 ms
 * each, all in flight at once and awaited from one thread. Asserts counts (every
 * execution accounted for, the calls per execution), never time; the wall time is printed
 * for the record.
 */
class ConcurrentExecutionsIntegrationTests {

	private static final int EXECUTIONS = 1000;

	@Test
	void thousandConcurrentExecutionsAllComplete() {
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.accessKey("batch-id", "batch-secret")
			.timing(Duration.ZERO, Duration.ofMillis(200))
			.start();
				HubServiceClient client = HubServiceClient.builder()
					.serviceEndpoint(gateway.serviceEndpoint())
					.tokenEndpoint(gateway.tokenEndpoint())
					.accessKeyId("batch-id")
					.secretAccessKey("batch-secret")
					.build()) {
			ReactiveHubServiceClient hub = client.reactive();
			int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
			long started = System.nanoTime();
			List<ResultResponse> results = Flux.range(0, EXECUTIONS)
				.flatMap((i) -> hub.run(Map.of("index", i)).flatMap(ReactiveHubServiceExecution::result), EXECUTIONS)
				.collectList()
				.block(Duration.ofMinutes(2));
			double seconds = (System.nanoTime() - started) / 1e9;

			assertThat(results).hasSize(EXECUTIONS);
			Set<Object> indexes = results.stream().map((r) -> r.properties().get("index")).collect(Collectors.toSet());
			assertThat(indexes).hasSize(EXECUTIONS);
			assertThat(results).allSatisfy((result) -> {
				ServiceExecution status = result.embedded().status();
				assertThat(status).isNotNull();
				assertThat(status.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			});
			assertThat(gateway.executionCount()).isEqualTo(EXECUTIONS);
			assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(EXECUTIONS);
			assertThat(gateway.callCount(GatewayOperation.GET_RESULT)).isEqualTo(EXECUTIONS);
			assertThat(gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
			long polls = gateway.callCount(GatewayOperation.GET_STATUS);
			System.out.printf(
					"METRIC 1000 concurrent executions of 200 ms: wall %.2f s, %d status polls "
							+ "(%.2f per execution), %d token request(s), threads %d -> %d%n",
					seconds, polls, polls / (double) EXECUTIONS, gateway.callCount(GatewayOperation.TOKEN),
					threadsBefore, ManagementFactory.getThreadMXBean().getThreadCount());
		}
	}

	@Test
	void watchEmitsEachStatusOnceInOrder() {
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.timing(Duration.ofMillis(700), Duration.ofMillis(1500))
			.start();
				HubServiceClient client = HubServiceClient.builder()
					.serviceEndpoint(gateway.serviceEndpoint())
					.build()) {
			ReactiveHubServiceExecution started = client.reactive().run(Map.of("x", 1)).block();
			StepVerifier
				.create(client.reactive()
					.getServiceExecution(started.id())
					.flatMapMany(ReactiveHubServiceExecution::watch)
					.map(ServiceExecution::status))
				.expectNext(ServiceExecutionStatus.PENDING, ServiceExecutionStatus.RUNNING,
						ServiceExecutionStatus.SUCCEEDED)
				.expectComplete()
				.verify(Duration.ofSeconds(30));
		}
	}

}
