package io.qhub.autoconfigure.tracking;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.qhub.autoconfigure.HubServiceAutoConfiguration;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.qhub.tracking.TrackedExecutionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HubTrackingHealthAutoConfiguration} and {@link HubTrackingHealthIndicator}: UP
 * with the store and the executions tracked and due when the store answers (the JDBC
 * store on H2), DOWN with the exception when it cannot be reached (the JDBC store on a
 * database server that is not there); {@code management.health.qhubtracking.enabled}
 * switches it; nothing without Spring Boot's health support.
 */
class HubTrackingHealthTests {

	private final LocalHubGateway gateway = LocalHubGateway.builder().start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HubServiceAutoConfiguration.class, HubTrackingAutoConfiguration.class,
				HubTrackingHealthAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("qhub.service.endpoint=" + this.gateway.serviceEndpoint(),
				"spring.datasource.url=jdbc:h2:mem:qhub-tracking-health-${random.uuid}");

	@AfterEach
	void stop() {
		this.gateway.close();
	}

	@Test
	void upWithTheStoreAndTheBacklogWhenTheStoreAnswers() {
		this.contextRunner.withPropertyValues("qhub.tracking.store=jdbc").run((context) -> {
			assertThat(context).hasBean("qhubTrackingHealthIndicator");
			// not due before the test ends, so the tracker's claims leave the counts
			// alone
			TrackedExecutionStore store = context.getBean(TrackedExecutionStore.class);
			store.add("default", "in-an-hour", Duration.ofHours(1));
			store.add("optimizer", "in-two-hours", Duration.ofHours(2));
			Health health = context.getBean(HubTrackingHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("store", "JdbcTrackedExecutionStore[QHUB_TRACKED_EXECUTION]")
				.containsEntry("tracked", 2L)
				.containsEntry("due", 0L)
				.doesNotContainKey("error");
		});
	}

	@Test
	void downWithTheExceptionWhenTheStoreCannotBeReached() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		DriverManagerDataSource unreachable = new DriverManagerDataSource(
				"jdbc:h2:tcp://127.0.0.1:" + closedPort + "/mem:gone", "sa", "");
		this.contextRunner.withBean(TrackedExecutionStore.class, () -> new JdbcTrackedExecutionStore(unreachable))
			.run((context) -> {
				Health health = context.getBean(HubTrackingHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails())
					.containsEntry("store", "JdbcTrackedExecutionStore[QHUB_TRACKED_EXECUTION]")
					.hasEntrySatisfying("error",
							(error) -> assertThat((String) error)
								.startsWith(CannotGetJdbcConnectionException.class.getName() + ": "))
					.hasEntrySatisfying("cause", (cause) -> assertThat((String) cause).contains("Connection refused"))
					.doesNotContainKeys("tracked", "due");
			});
	}

	@Test
	void switchedOffByItsOwnProperty() {
		this.contextRunner.withPropertyValues("management.health.qhubtracking.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(HubExecutionTracker.class)
				.doesNotHaveBean(HubTrackingHealthIndicator.class));
	}

	@Test
	void offWhenAllHealthIndicatorsAreOffByDefault() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HubTrackingHealthIndicator.class));
	}

	@Test
	void withoutSpringBootsHealthSupportThereIsNoIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(HubExecutionTracker.class)
				.doesNotHaveBean(HubTrackingHealthIndicator.class));
	}

}
