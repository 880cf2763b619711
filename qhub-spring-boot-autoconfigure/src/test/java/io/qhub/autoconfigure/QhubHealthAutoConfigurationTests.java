package io.qhub.autoconfigure;

import java.util.Map;

import io.qhub.autoconfigure.health.HubServiceHealthIndicator;
import io.qhub.service.client.HubServiceClient;
import io.qhub.test.GatewayOperation;
import io.qhub.test.LocalHubGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QhubHealthAutoConfiguration} and {@link HubServiceHealthIndicator} against a
 * {@link LocalHubGateway}: only token calls, never a service operation.
 */
class QhubHealthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(QhubServiceAutoConfiguration.class, QhubHealthAutoConfiguration.class));

	private LocalHubGateway gateway;

	@BeforeEach
	void startGateway() {
		this.gateway = LocalHubGateway.builder().accessKey("id", "secret").start();
	}

	@AfterEach
	void stopGateway() {
		this.gateway.close();
	}

	@Test
	void upWithAWorkingKeyPairUsingOnlyTheTokenEndpoint() {
		this.contextRunner.withPropertyValues(gatewayProperties("secret")).run((context) -> {
			assertThat(context).hasSingleBean(HubServiceHealthIndicator.class).hasBean("qhubHealthIndicator");
			Health health = context.getBean(HubServiceHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			Map<String, Object> details = details(health, "default");
			assertThat(details).containsEntry("endpoint", this.gateway.serviceEndpoint())
				.containsEntry("auth", "oauth2")
				.containsEntry("status", "UP")
				.doesNotContainKey("error");
			assertOnlyTokenCalls(1);
			// a second check answers from the cached token
			assertThat(context.getBean(HubServiceHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
			assertOnlyTokenCalls(1);
			assertThat(health.toString()).doesNotContain("secret");
		});
	}

	@Test
	void downWithAWrongSecret() {
		this.contextRunner.withPropertyValues(gatewayProperties("wrong")).run((context) -> {
			Health health = context.getBean(HubServiceHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(details(health, "default")).containsEntry("status", "DOWN")
				.containsEntry("error", "invalid_client")
				.containsEntry("auth", "oauth2");
			assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isPositive();
			assertThat(health.toString()).doesNotContain("wrong");
			assertNoServiceCalls();
		});
	}

	@Test
	void anonymousClientIsUpWithoutAnyCall() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=" + this.gateway.serviceEndpoint(),
				"qhub.service.token-endpoint=" + this.gateway.tokenEndpoint())
			.run((context) -> {
				Health health = context.getBean(HubServiceHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(details(health, "default")).containsEntry("auth", "anonymous").containsEntry("status", "UP");
				assertThat(this.gateway.callCounts().values()).allMatch((count) -> count == 0);
			});
	}

	@Test
	void reportsEveryServiceAndIsDownWhenOneIsDown() {
		this.contextRunner.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("qhub.services.optimizer.endpoint=" + this.gateway.serviceEndpoint(),
					"qhub.services.optimizer.secret-access-key=wrong",
					"qhub.services.local.endpoint=" + this.gateway.serviceEndpoint(), "qhub.services.local.access-key-id=",
					"qhub.services.local.secret-access-key=")
			.run((context) -> {
				Health health = context.getBean(HubServiceHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsOnlyKeys("default", "optimizer", "local");
				assertThat(details(health, "default")).containsEntry("status", "UP");
				assertThat(details(health, "optimizer")).containsEntry("status", "DOWN")
					.containsEntry("error", "invalid_client");
				assertThat(details(health, "local")).containsEntry("status", "UP").containsEntry("auth", "anonymous");
				assertNoServiceCalls();
			});
	}

	@Test
	void disabledByManagementProperty() {
		this.contextRunner.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("management.health.qhub.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubServiceHealthIndicator.class));
	}

	@Test
	void disabledWithAllDefaultIndicators() {
		this.contextRunner.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HubServiceHealthIndicator.class));
	}

	@Test
	void noIndicatorWithoutHealthClasses() {
		this.contextRunner.withPropertyValues(gatewayProperties("secret"))
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HubServiceHealthIndicator.class)
				.hasSingleBean(HubServiceClient.class));
	}

	@Test
	void noIndicatorWhenQhubIsDisabled() {
		this.contextRunner.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("qhub.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubServiceHealthIndicator.class));
	}

	@Test
	void noIndicatorWhenNoClientIsConfigured() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(HubServiceClients.class)
			.doesNotHaveBean(HubServiceHealthIndicator.class));
	}

	@Test
	void indicatorForNamedServicesOnly() {
		this.contextRunner.withPropertyValues("qhub.services.optimizer.endpoint=" + this.gateway.serviceEndpoint())
			.run((context) -> {
				assertThat(context).doesNotHaveBean("hubServiceClient").hasSingleBean(HubServiceHealthIndicator.class);
				Health health = context.getBean(HubServiceHealthIndicator.class).health();
				assertThat(health.getDetails()).containsOnlyKeys("optimizer");
			});
	}

	@Test
	void indicatorForAUserDefinedClient() {
		this.contextRunner
			.withBean(HubServiceClient.class,
					() -> HubServiceClient.builder().serviceEndpoint(this.gateway.serviceEndpoint()).build())
			.run((context) -> {
				Health health = context.getBean(HubServiceHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsOnlyKeys("default");
			});
	}

	@Test
	void userIndicatorNamedQhubHealthIndicatorWins() {
		this.contextRunner.withPropertyValues(gatewayProperties("secret"))
			.withBean("qhubHealthIndicator", HealthIndicator.class, () -> () -> Health.outOfService().build())
			.run((context) -> {
				assertThat(context).doesNotHaveBean(HubServiceHealthIndicator.class);
				assertThat(context.getBean("qhubHealthIndicator", HealthIndicator.class).health().getStatus())
					.isEqualTo(Status.OUT_OF_SERVICE);
			});
	}

	private String[] gatewayProperties(String secret) {
		return new String[] { "qhub.service.endpoint=" + this.gateway.serviceEndpoint(),
				"qhub.service.token-endpoint=" + this.gateway.tokenEndpoint(), "qhub.service.access-key-id=id",
				"qhub.service.secret-access-key=" + secret };
	}

	private void assertOnlyTokenCalls(long tokenCalls) {
		assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(tokenCalls);
		assertNoServiceCalls();
	}

	private void assertNoServiceCalls() {
		this.gateway.callCounts().forEach((operation, count) -> {
			if (operation != GatewayOperation.TOKEN) {
				assertThat(count).as(operation.name()).isZero();
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Health health, String service) {
		Object details = health.getDetails().get(service);
		assertThat(details).as(service).isInstanceOf(Map.class);
		return (Map<String, Object>) details;
	}

}
