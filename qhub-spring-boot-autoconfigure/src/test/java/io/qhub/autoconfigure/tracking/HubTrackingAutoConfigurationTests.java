package io.qhub.autoconfigure.tracking;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.qhub.autoconfigure.HubServiceAutoConfiguration;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.tracking.HubExecutionFinished;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.InMemoryTrackedExecutionStore;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.qhub.tracking.TrackedExecutionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HubTrackingAutoConfiguration}: a tracker for every configured service with an
 * in-memory store by default, publishing completions (plain {@link HubExecutionFinished}
 * records) as application events that an {@code @EventListener} method receives; with
 * {@code qhub.tracking.store=jdbc} the JDBC store on the application's DataSource, its
 * table created for an embedded database (not with {@code never}); no tracker without a
 * client; nothing without the module {@code qhub-execution-tracking} (excluded from the
 * starter); the application's own store wins; a bad setting names its property.
 */
class HubTrackingAutoConfigurationTests {

	private final LocalHubGateway gateway = LocalHubGateway.builder()
		.timing(Duration.ZERO, Duration.ofMillis(100))
		.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HubServiceAutoConfiguration.class, HubTrackingAutoConfiguration.class,
				DataSourceAutoConfiguration.class))
		.withPropertyValues("qhub.service.endpoint=" + this.gateway.serviceEndpoint(),
				"qhub.service.polling.initial-interval=100ms", "qhub.tracking.tick=50ms",
				"spring.datasource.url=jdbc:h2:mem:qhub-tracking-${random.uuid}");

	@AfterEach
	void stop() {
		this.gateway.close();
	}

	@Test
	void completionsArePublishedAsApplicationEventsFromAnInMemoryStoreByDefault() {
		this.contextRunner.withBean(Completions.class).run((context) -> {
			assertThat(context).hasSingleBean(HubExecutionTracker.class)
				.getBean(TrackedExecutionStore.class)
				.isInstanceOf(InMemoryTrackedExecutionStore.class);
			HubServiceClient client = context.getBean(HubServiceClient.class);
			String key = context.getBean(HubExecutionTracker.class).track(client.run(Map.of("shots", 1)));
			HubExecutionFinished event = context.getBean(Completions.class).events.poll(30, TimeUnit.SECONDS);
			assertThat(event).isNotNull();
			assertThat(event.idempotencyKey()).isEqualTo(key).startsWith("default/");
			assertThat(event.execution().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		});
	}

	@Test
	void theJdbcStoreUsesTheDataSourceAndCreatesItsTableForAnEmbeddedDatabase() {
		this.contextRunner.withPropertyValues("qhub.tracking.store=jdbc", "qhub.tracking.instance-id=node-1")
			.run((context) -> {
				assertThat(context).getBean(TrackedExecutionStore.class).isInstanceOf(JdbcTrackedExecutionStore.class);
				HubExecutionTracker tracker = context.getBean(HubExecutionTracker.class);
				assertThat(tracker.instanceId()).isEqualTo("node-1");
				tracker.track("default", "not-started-here");
				Integer rows = new JdbcTemplate(context.getBean(DataSource.class))
					.queryForObject("SELECT COUNT(*) FROM " + JdbcTrackedExecutionStore.TABLE, Integer.class);
				assertThat(rows).isEqualTo(1);
			});
	}

	@Test
	void withInitializeSchemaNeverNoTableIsCreated() {
		this.contextRunner.withPropertyValues("qhub.tracking.store=jdbc", "qhub.tracking.jdbc.initialize-schema=never")
			.run((context) -> {
				Integer tables = new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
						"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?", Integer.class,
						JdbcTrackedExecutionStore.TABLE);
				assertThat(tables).isZero();
			});
	}

	@Test
	void noTrackerWithoutAClient() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HubServiceAutoConfiguration.class, HubTrackingAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubExecutionTracker.class));
	}

	@Test
	void withoutTheTrackingModuleItBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HubExecutionTracker.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(HubServiceClient.class)
				.doesNotHaveBean(TrackedExecutionStore.class)
				.doesNotHaveBean(HubTrackingProperties.class));
	}

	@Test
	void theApplicationsStoreWins() {
		InMemoryTrackedExecutionStore own = new InMemoryTrackedExecutionStore();
		this.contextRunner.withPropertyValues("qhub.tracking.store=jdbc")
			.withBean(TrackedExecutionStore.class, () -> own)
			.run((context) -> assertThat(context).getBean(TrackedExecutionStore.class).isSameAs(own));
	}

	@Test
	void theApplicationsStoreOfAnotherTypeWinsOverTheDefaultInMemoryStore() {
		TrackedExecutionStore own = new CountingStore();
		this.contextRunner.withBean(TrackedExecutionStore.class, () -> own).run((context) -> {
			assertThat(context).hasNotFailed().getBean(TrackedExecutionStore.class).isSameAs(own);
			assertThat(context).doesNotHaveBean(InMemoryTrackedExecutionStore.class);
		});
	}

	@Test
	void aTickLongerThanAThirdOfTheLeaseIsRefusedByName() {
		this.contextRunner.withPropertyValues("qhub.tracking.tick=11s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("tick")
				.hasMessageContaining("at most a third of the lease"));
	}

	/**
	 * An application's listener: an {@code @EventListener} method taking the plain
	 * record.
	 */
	static class Completions {

		final BlockingQueue<HubExecutionFinished> events = new LinkedBlockingQueue<>();

		@EventListener
		void on(HubExecutionFinished finished) {
			this.events.add(finished);
		}

	}

}
