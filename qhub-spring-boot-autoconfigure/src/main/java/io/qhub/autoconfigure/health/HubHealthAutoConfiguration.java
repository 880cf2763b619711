package io.qhub.autoconfigure.health;

import java.time.Duration;

import io.qhub.autoconfigure.HubServiceAutoConfiguration;
import io.qhub.autoconfigure.HubServiceClients;
import io.qhub.autoconfigure.diagnostics.PropertyProblems;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Registers the {@code qhub} health indicator when Spring Boot's health support is
 * present and at least one client is configured;
 * {@code management.health.qhub.enabled=false} turns it off and
 * {@code management.health.qhub.timeout} bounds each probe.
 */
@AutoConfiguration(after = HubServiceAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(HubServiceClients.class)
@Conditional(OnHubServiceClientCondition.class)
@ConditionalOnEnabledHealthIndicator("qhub")
@EnableConfigurationProperties(HubHealthProperties.class)
public final class HubHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "qhubHealthIndicator")
	HubServiceHealthIndicator qhubHealthIndicator(HubServiceClients clients, HubHealthProperties properties,
			Environment environment) {
		Duration timeout = properties.getTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new PropertyProblems(environment).invalid("management.health.qhub.timeout", "must be positive",
					"Set management.health.qhub.timeout to a positive duration, for example 2s.");
		}
		return new HubServiceHealthIndicator(clients, timeout);
	}

}
