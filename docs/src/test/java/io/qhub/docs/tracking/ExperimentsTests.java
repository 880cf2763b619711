package io.qhub.docs.tracking;

import java.time.Duration;
import java.util.Map;

import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link Experiments}: a tracked execution's completion reaches its
 * {@code @EventListener} (which prints it) without any thread of the test waiting on the
 * execution.
 */
@SpringBootTest
@AutoConfigureLocalHubGateway(runMillis = 100)
@ExtendWith(OutputCaptureExtension.class)
class ExperimentsTests {

	@Autowired
	Experiments experiments;

	@Autowired
	LocalHubGateway gateway;

	@Test
	void theListenerHearsOfTheCompletion(CapturedOutput output) {
		String key = this.experiments.submit(Map.of("shots", 10));

		assertThat(key).startsWith("default/");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(output.getOut()).contains(key + " finished: SUCCEEDED"));
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
	}

}
