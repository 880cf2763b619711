package io.qhub.autoconfigure;

import io.qhub.autoconfigure.health.HubServiceHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Registers the {@code qhub} health indicator when Spring Boot's health support is present and at least one
 * client is configured; {@code management.health.qhub.enabled=false} turns it off.
 */
@AutoConfiguration(after = QhubServiceAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(HubServiceClients.class)
@Conditional(OnHubServiceClientCondition.class)
@ConditionalOnEnabledHealthIndicator("qhub")
public final class QhubHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "qhubHealthIndicator")
	HubServiceHealthIndicator qhubHealthIndicator(HubServiceClients clients) {
		return new HubServiceHealthIndicator(clients);
	}

}
