package io.qhub.docs.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.junit.LocalHubGatewayExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ReactiveUse}: following one execution, many in flight at once, and polling on
 * one's own schedule.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveUseTests {

	@RegisterExtension
	static LocalHubGatewayExtension gateway = Clients.gateway()
		.configure((builder) -> builder.timing(Duration.ofMillis(50), Duration.ofMillis(100)))
		.build();

	@Test
	void watchLogsEachStatusChange(CapturedOutput output) {
		try (HubServiceClient client = Clients.builder(gateway).build()) {
			Disposable watching = ReactiveUse.watch(client);

			await().atMost(Duration.ofSeconds(20)).until(watching::isDisposed);
			List<String> lines = output.getOut()
				.lines()
				.filter((line) -> line.contains("ReactiveUse - "))
				.map((line) -> line.substring(line.indexOf("ReactiveUse - ") + "ReactiveUse - ".length()))
				.toList();
			assertThat(lines).isNotEmpty().last().asString().endsWith(" is SUCCEEDED");
			String id = lines.get(0).substring(0, lines.get(0).indexOf(" is "));
			assertThat(lines).allMatch((line) -> line.startsWith(id + " is "));
			assertThat(gateway.gateway().status(id)).isEqualTo("SUCCEEDED");
		}
	}

	@Test
	void manyInFlightAtOnce() {
		try (HubServiceClient client = Clients.builder(gateway).build()) {
			List<ResultResponse> results = ReactiveUse.many(client.reactive(), 200);

			assertThat(results).hasSize(200)
				.extracting((result) -> result.properties().get("index"))
				.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).boxed().toList());
			assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(200);
			assertThat(gateway.callCount(GatewayOperation.GET_RESULT)).isEqualTo(200);
		}
	}

	@Test
	void pollsOnItsOwnSchedule() {
		try (HubServiceClient client = Clients.builder(gateway).build()) {
			HubServiceExecution started = client.run(Map.of("shots", 1));

			Duration next = ReactiveUse.ownSchedule(client.reactive(), started.id());

			assertThat(next).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(gateway.callCount(GatewayOperation.GET_STATUS)).isEqualTo(2));
		}
	}

}
