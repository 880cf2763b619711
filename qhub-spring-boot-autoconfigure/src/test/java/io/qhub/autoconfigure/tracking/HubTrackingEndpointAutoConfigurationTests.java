package io.qhub.autoconfigure.tracking;

import io.qhub.autoconfigure.HubServiceAutoConfiguration;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.tracking.HubExecutionTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HubTrackingEndpointAutoConfiguration}: the {@code qhubtracking} endpoint exists
 * only when it is exposed and its access is not {@code none}, and not without Spring
 * Boot's actuator or without a tracker.
 */
class HubTrackingEndpointAutoConfigurationTests {

	private final LocalHubGateway gateway = LocalHubGateway.builder().start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HubServiceAutoConfiguration.class, HubTrackingAutoConfiguration.class,
				HubTrackingEndpointAutoConfiguration.class))
		.withPropertyValues("qhub.service.endpoint=" + this.gateway.serviceEndpoint());

	@AfterEach
	void stop() {
		this.gateway.close();
	}

	@Test
	void registeredWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=qhubtracking")
			.run((context) -> assertThat(context).hasSingleBean(HubTrackingEndpoint.class));
	}

	@Test
	void notRegisteredUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(HubExecutionTracker.class)
			.doesNotHaveBean(HubTrackingEndpoint.class));
	}

	@Test
	void notRegisteredWithAccessNone() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=qhubtracking",
				// upper case: a context runner's environment converts enums strictly
				"management.endpoint.qhubtracking.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(HubTrackingEndpoint.class));
	}

	@Test
	void notRegisteredWithoutTheActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=qhubtracking")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(HubExecutionTracker.class)
				.doesNotHaveBean(HubTrackingEndpoint.class));
	}

	@Test
	void notRegisteredWithoutATracker() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HubTrackingAutoConfiguration.class,
					HubTrackingEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=qhubtracking")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubTrackingEndpoint.class));
	}

}
