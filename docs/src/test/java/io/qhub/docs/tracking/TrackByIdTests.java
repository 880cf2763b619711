package io.qhub.docs.tracking;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway;
import io.qhub.tracking.HubExecutionFinished;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link TrackById}: an execution known only by the {@code ServiceExecution} a reactive
 * call emitted is tracked by its id, and its completion is published.
 */
@SpringBootTest
@AutoConfigureLocalHubGateway(runMillis = 100)
class TrackByIdTests {

	@Autowired
	TrackById trackById;

	@Autowired
	Completions completions;

	@Test
	void tracksAnExecutionByItsId() {
		String key = this.trackById.submit(Map.of("shots", 10)).block(Duration.ofSeconds(10));

		assertThat(key).startsWith("default/");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.completions.heard).anySatisfy((finished) -> {
				assertThat(finished.idempotencyKey()).isEqualTo(key);
				assertThat(finished.execution().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			}));
	}

	static class Completions {

		final List<HubExecutionFinished> heard = new CopyOnWriteArrayList<>();

		@EventListener
		void finished(HubExecutionFinished finished) {
			this.heard.add(finished);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RecordCompletions {

		@Bean
		Completions completions() {
			return new Completions();
		}

	}

}
