package io.qhub.autoconfigure.tracking;

import java.time.Duration;
import java.time.Instant;

import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.tracking.InMemoryTrackedExecutionStore;
import io.qhub.tracking.TrackedExecutionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code qhubtracking} endpoint and the {@code qhubTracking} health component over
 * HTTP, in an application on a real web server (WebFlux on Reactor Netty) with every
 * auto-configuration: a read lists what the tracker's store holds, earliest due first,
 * with each execution's owner and claim token, and the counts by service; a delete is
 * refused by default and untracks an execution once
 * {@code management.endpoint.qhubtracking.access=unrestricted}.
 */
class HubTrackingEndpointWebTests {

	private final LocalHubGateway gateway = LocalHubGateway.builder().start();

	@AfterEach
	void stop() {
		this.gateway.close();
	}

	@Test
	void readListsTheTrackedExecutionsEarliestDueFirstWithTheirOwners() {
		try (ConfigurableApplicationContext context = start()) {
			WebTestClient web = client(context);
			web.get()
				.uri("/actuator/qhubtracking")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.instanceId")
				.isEqualTo("node-1")
				.jsonPath("$.tracked.default")
				.isEqualTo(3)
				.jsonPath("$.tracked.optimizer")
				.isEqualTo(1)
				.jsonPath("$.due.default")
				.isEqualTo(1)
				.jsonPath("$.executions.length()")
				.isEqualTo(4)
				.jsonPath("$.executions[0].service")
				.isEqualTo("default")
				.jsonPath("$.executions[0].id")
				.isEqualTo("free-and-due")
				.jsonPath("$.executions[0].owner")
				.doesNotExist()
				.jsonPath("$.executions[0].claimed")
				.isEqualTo(false)
				.jsonPath("$.executions[0].claim")
				.isEqualTo(0)
				.jsonPath("$.executions[0].polls")
				.isEqualTo(0)
				.jsonPath("$.executions[0].trackedAt")
				.value((String at) -> assertThat(Instant.parse(at)).isBefore(Instant.now().plusSeconds(1)))
				.jsonPath("$.executions[1].nextPollAt")
				.value((String at) -> assertThat(Instant.parse(at)).isAfter(Instant.now().plusSeconds(58 * 60)))
				.jsonPath("$.executions[1].id")
				.isEqualTo("held-by-node-2")
				.jsonPath("$.executions[1].owner")
				.isEqualTo("node-2")
				.jsonPath("$.executions[1].claimed")
				.isEqualTo(true)
				.jsonPath("$.executions[1].claim")
				.isEqualTo(1)
				.jsonPath("$.executions[2].id")
				.isEqualTo("in-an-hour")
				.jsonPath("$.executions[3].service")
				.isEqualTo("optimizer");
			web.get()
				.uri("/actuator/qhubtracking?limit=1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.executions.length()")
				.isEqualTo(1)
				.jsonPath("$.tracked.default")
				.isEqualTo(3);
			web.get().uri("/actuator/qhubtracking?limit=-1").exchange().expectStatus().isBadRequest();
		}
	}

	@Test
	void deleteIsRefusedByDefault() {
		try (ConfigurableApplicationContext context = start()) {
			// with read-only access the write operation is not mapped at all
			client(context).delete()
				.uri("/actuator/qhubtracking/default/free-and-due")
				.exchange()
				.expectStatus()
				.isNotFound();
			assertThat(context.getBean(TrackedExecutionStore.class).list(10)).hasSize(4);
		}
	}

	@Test
	void deleteUntracksOnceAccessIsUnrestricted() {
		try (ConfigurableApplicationContext context = start("management.endpoint.qhubtracking.access=unrestricted")) {
			WebTestClient web = client(context);
			web.delete()
				.uri("/actuator/qhubtracking/default/held-by-node-2")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.untracked")
				.isEqualTo(true);
			assertThat(context.getBean(TrackedExecutionStore.class).list(10)).extracting("id")
				.containsExactly("free-and-due", "in-an-hour", "later");
			web.delete()
				.uri("/actuator/qhubtracking/default/held-by-node-2")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.untracked")
				.isEqualTo(false);
		}
	}

	@Test
	void healthShowsTheTrackingComponent() {
		try (ConfigurableApplicationContext context = start()) {
			client(context).get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.qhubTracking.status")
				.isEqualTo("UP")
				.jsonPath("$.components.qhubTracking.details.tracked")
				.isEqualTo(4)
				.jsonPath("$.components.qhubTracking.details.due")
				.isEqualTo(1)
				.jsonPath("$.components.qhubTracking.details.store")
				.value((store) -> assertThat((String) store).startsWith("InMemoryTrackedExecutionStore"));
		}
	}

	/**
	 * Starts the application: a store holding, earliest due first, an execution free and
	 * due, one claimed by another instance for an hour, one due in an hour and one of
	 * another service due in two; the tracker never starts polling (nothing is handed to
	 * it).
	 */
	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(TrackingApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "qhub.service.endpoint=" + this.gateway.serviceEndpoint(),
					"qhub.services.optimizer.endpoint=" + this.gateway.serviceEndpoint(),
					"qhub.tracking.instance-id=node-1", "management.endpoints.web.exposure.include=qhubtracking,health",
					"management.endpoint.health.show-details=always")
			.properties(properties)
			.run();
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
			.build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TrackingApplication {

		@Bean
		InMemoryTrackedExecutionStore trackedExecutionStore() {
			InMemoryTrackedExecutionStore store = new InMemoryTrackedExecutionStore();
			store.add("default", "held-by-node-2", Duration.ZERO);
			store.claimDue("node-2", Duration.ofMinutes(59), 1);
			store.add("default", "free-and-due", Duration.ZERO);
			store.add("default", "in-an-hour", Duration.ofHours(1));
			store.add("optimizer", "later", Duration.ofHours(2));
			return store;
		}

	}

}
