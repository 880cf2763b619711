package io.qhub.autoconfigure.tracking;

import java.util.List;

import javax.sql.DataSource;

import io.qhub.autoconfigure.HubServiceAutoConfiguration;
import io.qhub.autoconfigure.HubServiceClients;
import io.qhub.service.client.HubServiceClient;
import io.qhub.tracking.HubExecutionFinished;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.HubExecutionTrackerBuilder;
import io.qhub.tracking.InMemoryTrackedExecutionStore;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.qhub.tracking.TrackedExecutionStore;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration of the {@link HubExecutionTracker} for the auto-configured clients
 * (every entry of {@link HubServiceClients}, by name): each completion, a
 * {@link HubExecutionFinished} record, is published as an application event, so an
 * {@code @EventListener} method taking it receives it. Active while the module
 * {@code qhub-execution-tracking} is on the class path (the starter brings it). The store
 * is in memory, or, with {@code qhub.tracking.store=jdbc} and a {@link DataSource}, the
 * {@link JdbcTrackedExecutionStore}, whose table is created as Spring Session creates its
 * own ({@code qhub.tracking.jdbc.initialize-schema}: for an embedded database by
 * default). An application's own {@link TrackedExecutionStore} or tracker bean wins.
 */
@AutoConfiguration(after = HubServiceAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(HubExecutionTracker.class)
@ConditionalOnBooleanProperty(name = "qhub.enabled", matchIfMissing = true)
@ConditionalOnBean(HubServiceClient.class)
@EnableConfigurationProperties(HubTrackingProperties.class)
public final class HubTrackingAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	HubExecutionTracker hubExecutionTracker(HubServiceClients clients, TrackedExecutionStore store,
			HubTrackingProperties properties, ApplicationEventPublisher events) {
		HubExecutionTrackerBuilder builder = HubExecutionTracker.builder()
			.store(store)
			.listener(events::publishEvent)
			.lease(properties.getLease())
			.tick(properties.getTick())
			.maxConcurrency(properties.getMaxConcurrency());
		if (properties.getInstanceId() != null) {
			builder.instanceId(properties.getInstanceId());
		}
		clients.asMap().forEach((name, client) -> builder.client(name, client.reactive()));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(TrackedExecutionStore.class)
	@ConditionalOnProperty(name = "qhub.tracking.store", havingValue = "memory", matchIfMissing = true)
	InMemoryTrackedExecutionStore inMemoryTrackedExecutionStore() {
		return new InMemoryTrackedExecutionStore();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JdbcTemplate.class, DataSourceScriptDatabaseInitializer.class })
	@ConditionalOnProperty(name = "qhub.tracking.store", havingValue = "jdbc")
	static final class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(TrackedExecutionStore.class)
		@DependsOnDatabaseInitialization
		JdbcTrackedExecutionStore jdbcTrackedExecutionStore(DataSource dataSource) {
			return new JdbcTrackedExecutionStore(dataSource);
		}

		@Bean
		@ConditionalOnMissingBean(name = "qhubTrackingSchemaInitializer")
		DataSourceScriptDatabaseInitializer qhubTrackingSchemaInitializer(DataSource dataSource,
				HubTrackingProperties properties) {
			HubTrackingProperties.Jdbc jdbc = properties.getJdbc();
			String platform = (jdbc.getPlatform() != null) ? jdbc.getPlatform()
					: new PlatformPlaceholderDatabaseDriverResolver().resolveAll(dataSource, "@@platform@@").get(0);
			DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
			settings.setSchemaLocations(List.of(jdbc.getSchema().replace("@@platform@@", platform)));
			settings.setMode(DatabaseInitializationMode.valueOf(jdbc.getInitializeSchema().name()));
			settings.setContinueOnError(false);
			return new DataSourceScriptDatabaseInitializer(dataSource, settings);
		}

	}

}
