package io.qhub.autoconfigure.tracking;

import io.qhub.tracking.HubExecutionTracker;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link HubTrackingEndpoint} ({@code qhubtracking}) when Spring Boot's
 * actuator is on the class path and the endpoint is available: exposed (for example
 * {@code management.endpoints.web.exposure.include=qhubtracking}) and not switched off.
 */
@AutoConfiguration(after = HubTrackingAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, HubExecutionTracker.class })
@ConditionalOnBean(HubExecutionTracker.class)
public final class HubTrackingEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	HubTrackingEndpoint hubTrackingEndpoint(HubExecutionTracker tracker) {
		return new HubTrackingEndpoint(tracker);
	}

}
