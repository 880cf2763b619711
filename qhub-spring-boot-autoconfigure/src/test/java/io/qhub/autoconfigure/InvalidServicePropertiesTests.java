package io.qhub.autoconfigure;

import java.util.List;

import io.qhub.autoconfigure.diagnostics.InvalidHubPropertyException;
import io.qhub.service.client.HubServiceClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks that fail startup on a bad {@code qhub.service.*} value, each naming the
 * property that holds it.
 */
class InvalidServicePropertiesTests {

	private static final String ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0";

	private final ApplicationContextRunner contextRunner = LocalHubGatewayContext.contextRunner();

	@Test
	void halfAKeyPairFailsStartupNamingTheMissingKey() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.access-key-id=id")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable root = StartupFailures.rootCause(context.getStartupFailure());
				assertThat(root).isInstanceOf(InvalidHubPropertyException.class)
					.hasMessageContaining("qhub.service.secret-access-key")
					.hasMessageContaining("qhub.service.access-key-id");
				assertThat(((InvalidHubPropertyException) root).getProperty())
					.isEqualTo("qhub.service.secret-access-key");
			});
	}

	@Test
	void secretWithoutIdFailsStartupNamingTheId() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.secret-access-key=top-secret")
			.run((context) -> {
				InvalidHubPropertyException ex = StartupFailures.invalidProperty(context.getStartupFailure());
				assertThat(ex.getProperty()).isEqualTo("qhub.service.access-key-id");
				assertThat(ex.getMessage()).doesNotContain("top-secret");
			});
	}

	@Test
	void blankEndpointFailsStartup() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=").run((context) -> {
			InvalidHubPropertyException ex = StartupFailures.invalidProperty(context.getStartupFailure());
			assertThat(ex.getProperty()).isEqualTo("qhub.service.endpoint");
			assertThat(ex.getProblem()).isEqualTo("it must be set to an absolute http(s) URL");
			assertThat(ex.getAction()).contains("qhub.service.endpoint")
				.contains("https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0");
		});
	}

	@Test
	void malformedEndpointFailsStartup() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=http://exa mple.com/x").run((context) -> {
			InvalidHubPropertyException ex = StartupFailures.invalidProperty(context.getStartupFailure());
			assertThat(ex.getProperty()).isEqualTo("qhub.service.endpoint");
			assertThat(ex.getProblem()).isEqualTo("it must be a valid absolute http(s) URL with a host");
			assertThat(ex.getValue()).contains("http://exa mple.com/x");
			assertThat(ex.getMessage()).doesNotContain("Illegal character");
		});
	}

	@Test
	void nonHttpEndpointFailsStartup() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=ftp://example.com/acme/x/1.0.0").run((context) -> {
			InvalidHubPropertyException ex = StartupFailures.invalidProperty(context.getStartupFailure());
			assertThat(ex.getProperty()).isEqualTo("qhub.service.endpoint");
			assertThat(ex.getProblem()).contains("http or https");
		});
	}

	@Test
	void nonHttpTokenEndpointFailsStartup() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.token-endpoint=file:///token")
			.run((context) -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.token-endpoint"));
	}

	@Test
	void negativeDurationsFailStartupNamingTheProperty() {
		for (String key : List.of("token-refresh-before-expiry", "connect-timeout", "read-timeout",
				"polling.initial-interval", "polling.max-interval", "polling.timeout", "result-retry.initial-backoff",
				"result-retry.max-backoff")) {
			this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service." + key + "=-1s")
				.run((context) -> {
					InvalidHubPropertyException ex = StartupFailures.invalidProperty(context.getStartupFailure());
					assertThat(ex.getProperty()).isEqualTo("qhub.service." + key);
					assertThat(ex.getAction()).contains("qhub.service." + key);
				});
		}
	}

	@Test
	void zeroTimeoutFailsButZeroRefreshMarginIsAllowed() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.read-timeout=0s")
			.run((context) -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.read-timeout"));
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.token-refresh-before-expiry=0s",
					"qhub.service.result-retry.initial-backoff=0s")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(HubServiceClient.class));
	}

	@Test
	void invalidResultRetryFailsStartup() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.result-retry.max-attempts=0")
			.run((context) -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.result-retry.max-attempts"));
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.result-retry.multiplier=0.5")
			.run((context) -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.result-retry.multiplier"));
	}

}
