package io.qhub.autoconfigure.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.qhub.autoconfigure.HubServiceClients;
import io.qhub.autoconfigure.LocalHubGatewayContext;
import io.qhub.autoconfigure.diagnostics.InvalidHubPropertyException;
import io.qhub.service.client.HubServiceClient;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HubHealthAutoConfiguration} and {@link HubServiceHealthIndicator}
 * against a {@link LocalHubGateway}: only token calls, never a service operation.
 */
@ExtendWith(OutputCaptureExtension.class)
class HubHealthAutoConfigurationTests {

	@RegisterExtension
	final LocalHubGatewayContext hub = LocalHubGatewayContext.withKeyPair("id", "secret",
			HubHealthAutoConfiguration.class);

	@Test
	void upWithAWorkingKeyPairUsingOnlyTheTokenEndpoint() {
		this.hub.runner().withPropertyValues(gatewayProperties("secret")).run((context) -> {
			assertThat(context).hasSingleBean(HubServiceHealthIndicator.class).hasBean("qhubHealthIndicator");
			Health health = context.getBean(HubServiceHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			Map<String, Object> details = details(health, "default");
			assertThat(details).containsEntry("endpoint", this.hub.gateway().serviceEndpoint())
				.containsEntry("auth", "oauth2")
				.containsEntry("status", "UP")
				.doesNotContainKey("error")
				.doesNotContainKey("reason");
			assertOnlyTokenCalls(1);
			// every probe asks the token endpoint again: a cached token proves nothing
			// about it now
			assertThat(context.getBean(HubServiceHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
			assertOnlyTokenCalls(2);
			assertThat(health.toString()).doesNotContain("secret");
		});
	}

	@Test
	void downWithAWrongSecret() {
		this.hub.runner().withPropertyValues(gatewayProperties("wrong")).run((context) -> {
			Health health = context.getBean(HubServiceHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(details(health, "default")).containsEntry("status", "DOWN")
				.containsEntry("reason", "invalid_client")
				.containsEntry("auth", "oauth2");
			assertThat(this.hub.gateway().callCount(GatewayOperation.TOKEN)).isPositive();
			assertThat(health.toString()).doesNotContain("wrong");
			assertNoServiceCalls();
		});
	}

	@Test
	void downWithinASecondOfARefusedConnectionAndLoggedOncePerChange(CapturedOutput output) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.hub.runner()
			.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("qhub.service.token-endpoint=http://127.0.0.1:" + closedPort + "/token")
			.run((context) -> {
				HubServiceHealthIndicator indicator = context.getBean(HubServiceHealthIndicator.class);
				for (int probe = 0; probe < 3; probe++) {
					long start = System.nanoTime();
					Health health = indicator.health();
					Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
					assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(details(health, "default")).containsEntry("reason", "unreachable")
						.hasEntrySatisfying("error",
								(error) -> assertThat((String) error).contains("could not connect"));
					System.out.println("HEALTH refused connection: DOWN after " + elapsed.toMillis() + " ms");
				}
				assertThat(output.getOut().lines().filter((line) -> line.contains("WARN")).toList()).singleElement()
					.satisfies((line) -> assertThat(line)
						.contains("Kipu Quantum Hub service 'default' is DOWN (unreachable)"));
			});
	}

	@Test
	void aHangingTokenEndpointIsDownAfterTheProbeTimeout() {
		this.hub.gateway().inject(InjectedFault.stall(GatewayOperation.TOKEN));
		this.hub.runner()
			.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("management.health.qhub.timeout=300ms")
			.run((context) -> {
				long start = System.nanoTime();
				Health health = context.getBean(HubServiceHealthIndicator.class).health();
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				assertThat(details(health, "default")).containsEntry("reason", "timeout")
					.hasEntrySatisfying("error",
							(error) -> assertThat((String) error).contains("0.3s (probe timeout)"));
				assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(290)).isLessThan(Duration.ofSeconds(2));
			});
	}

	@Test
	void aServerErrorIsReportedWithItsStatusAndRecoveryIsLogged(CapturedOutput output) {
		this.hub.gateway().inject(InjectedFault.status(GatewayOperation.TOKEN, 503, null, 1));
		this.hub.runner().withPropertyValues(gatewayProperties("secret")).run((context) -> {
			HubServiceHealthIndicator indicator = context.getBean(HubServiceHealthIndicator.class);
			assertThat(details(indicator.health(), "default")).containsEntry("reason", "http_503");
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			assertThat(output.getOut()).contains("is DOWN (http_503)")
				.containsOnlyOnce("is UP again (was DOWN (http_503))");
		});
	}

	@Test
	void aNonPositiveTimeoutIsReportedAsWritten() {
		this.hub.runner()
			.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("management.health.qhub.timeout=-5s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidHubPropertyException.class)
				.hasMessageContaining("'management.health.qhub.timeout' = '-5s'")
				.hasMessageNotContaining("PT-5S"));
	}

	@Test
	void anonymousClientIsUpWithoutAnyCall() {
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=" + this.hub.gateway().serviceEndpoint(),
					"qhub.service.token-endpoint=" + this.hub.gateway().tokenEndpoint())
			.run((context) -> {
				Health health = context.getBean(HubServiceHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(details(health, "default")).containsEntry("auth", "anonymous").containsEntry("status", "UP");
				assertThat(this.hub.gateway().callCounts().values()).allMatch((count) -> count == 0);
			});
	}

	@Test
	void reportsEveryServiceAndIsDownWhenOneIsDown() {
		this.hub.runner()
			.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("qhub.services.optimizer.endpoint=" + this.hub.gateway().serviceEndpoint(),
					"qhub.services.optimizer.secret-access-key=wrong",
					"qhub.services.local.endpoint=" + this.hub.gateway().serviceEndpoint(),
					"qhub.services.local.access-key-id=", "qhub.services.local.secret-access-key=")
			.run((context) -> {
				Health health = context.getBean(HubServiceHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsOnlyKeys("default", "optimizer", "local");
				assertThat(details(health, "default")).containsEntry("status", "UP");
				assertThat(details(health, "optimizer")).containsEntry("status", "DOWN")
					.containsEntry("reason", "invalid_client");
				assertThat(details(health, "local")).containsEntry("status", "UP").containsEntry("auth", "anonymous");
				assertNoServiceCalls();
			});
	}

	@Test
	void disabledByManagementProperty() {
		this.hub.runner()
			.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("management.health.qhub.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubServiceHealthIndicator.class));
	}

	@Test
	void disabledWithAllDefaultIndicators() {
		this.hub.runner()
			.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HubServiceHealthIndicator.class));
	}

	@Test
	void noIndicatorWithoutHealthClasses() {
		this.hub.runner()
			.withPropertyValues(gatewayProperties("secret"))
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HubServiceHealthIndicator.class)
				.hasSingleBean(HubServiceClient.class));
	}

	@Test
	void noIndicatorWhenQhubIsDisabled() {
		this.hub.runner()
			.withPropertyValues(gatewayProperties("secret"))
			.withPropertyValues("qhub.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubServiceHealthIndicator.class));
	}

	@Test
	void noIndicatorWhenNoClientIsConfigured() {
		this.hub.runner()
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(HubServiceClients.class)
				.doesNotHaveBean(HubServiceHealthIndicator.class));
	}

	@Test
	void indicatorForNamedServicesOnly() {
		this.hub.runner()
			.withPropertyValues("qhub.services.optimizer.endpoint=" + this.hub.gateway().serviceEndpoint())
			.run((context) -> {
				assertThat(context).doesNotHaveBean("hubServiceClient").hasSingleBean(HubServiceHealthIndicator.class);
				Health health = context.getBean(HubServiceHealthIndicator.class).health();
				assertThat(health.getDetails()).containsOnlyKeys("optimizer");
			});
	}

	@Test
	void indicatorForAUserDefinedClient() {
		this.hub.runner()
			.withBean(HubServiceClient.class,
					() -> HubServiceClient.builder().serviceEndpoint(this.hub.gateway().serviceEndpoint()).build())
			.run((context) -> {
				Health health = context.getBean(HubServiceHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsOnlyKeys("default");
			});
	}

	@Test
	void userIndicatorNamedQhubHealthIndicatorWins() {
		this.hub.runner()
			.withPropertyValues(gatewayProperties("secret"))
			.withBean("qhubHealthIndicator", HealthIndicator.class, () -> () -> Health.outOfService().build())
			.run((context) -> {
				assertThat(context).doesNotHaveBean(HubServiceHealthIndicator.class);
				assertThat(context.getBean("qhubHealthIndicator", HealthIndicator.class).health().getStatus())
					.isEqualTo(Status.OUT_OF_SERVICE);
			});
	}

	private String[] gatewayProperties(String secret) {
		return new String[] { "qhub.service.endpoint=" + this.hub.gateway().serviceEndpoint(),
				"qhub.service.token-endpoint=" + this.hub.gateway().tokenEndpoint(), "qhub.service.access-key-id=id",
				"qhub.service.secret-access-key=" + secret };
	}

	private void assertOnlyTokenCalls(long tokenCalls) {
		assertThat(this.hub.gateway().callCount(GatewayOperation.TOKEN)).isEqualTo(tokenCalls);
		assertNoServiceCalls();
	}

	private void assertNoServiceCalls() {
		this.hub.gateway().callCounts().forEach((operation, count) -> {
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
