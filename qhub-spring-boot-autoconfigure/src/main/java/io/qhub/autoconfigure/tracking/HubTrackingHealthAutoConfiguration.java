package io.qhub.autoconfigure.tracking;

import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.TrackedExecutionStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@code qhubTracking} health indicator
 * ({@link HubTrackingHealthIndicator}) when Spring Boot's health support is present and a
 * {@link HubExecutionTracker} is defined;
 * {@code management.health.qhubtracking.enabled=false} turns it off.
 */
@AutoConfiguration(after = HubTrackingAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, HubExecutionTracker.class })
@ConditionalOnBean(HubExecutionTracker.class)
@ConditionalOnEnabledHealthIndicator("qhubtracking")
public final class HubTrackingHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "qhubTrackingHealthIndicator")
	HubTrackingHealthIndicator qhubTrackingHealthIndicator(HubExecutionTracker tracker,
			ObjectProvider<TrackedExecutionStore> store) {
		return new HubTrackingHealthIndicator(tracker, store.getIfUnique());
	}

}
