package io.qhub.autoconfigure.tracking;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.qhub.tracking.HubExecutionTracker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link HubTrackingMeters} of the {@link HubExecutionTracker} when
 * Micrometer is on the class path; Spring Boot's metrics support binds them to its meter
 * registries.
 */
@AutoConfiguration(after = HubTrackingAutoConfiguration.class)
@ConditionalOnClass({ MeterBinder.class, HubExecutionTracker.class })
@ConditionalOnBean(HubExecutionTracker.class)
public final class HubTrackingMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HubTrackingMeters qhubTrackingMeters(HubExecutionTracker tracker) {
		return new HubTrackingMeters(tracker);
	}

}
