package io.qhub.sample;

import io.qhub.service.client.HubServiceClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Profile {@code hub}: no embedded gateway, and a clear startup failure when the real
 * Hub's settings are missing.
 */
@ExtendWith(OutputCaptureExtension.class)
class HubProfileTests {

	@Test
	void missingSettingsFailTheStartupNamingTheEnvironmentVariables(CapturedOutput output) {
		MissingHubSettingsException failure = assertThatExceptionOfType(MissingHubSettingsException.class)
			.isThrownBy(() -> hubApplication("--qhub.service.endpoint=", "--qhub.service.access-key-id=",
					"--qhub.service.secret-access-key="))
			.actual();

		assertThat(failure.getEnvironmentVariables()).containsExactly("QHUB_SERVICE_ENDPOINT", "QHUB_ACCESS_KEY_ID",
				"QHUB_SECRET_ACCESS_KEY");
		FailureAnalysis analysis = new MissingHubSettingsFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("Profile 'hub'")
			.contains("environment variable QHUB_SERVICE_ENDPOINT (property qhub.service.endpoint)");
		assertThat(analysis.getAction()).contains("export QHUB_ACCESS_KEY_ID=").contains("run without profile 'hub'");
		// the analyzer is registered: Boot prints its report
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("environment variable QHUB_SECRET_ACCESS_KEY (property qhub.service.secret-access-key)");
	}

	@Test
	void onlyTheMissingSettingIsReported() {
		assertThatExceptionOfType(MissingHubSettingsException.class)
			.isThrownBy(() -> hubApplication("--qhub.service.endpoint=https://gateway.example/acme/svc/1.0.0",
					"--qhub.service.access-key-id=id", "--qhub.service.secret-access-key="))
			.satisfies((ex) -> assertThat(ex.getEnvironmentVariables()).containsExactly("QHUB_SECRET_ACCESS_KEY"));
	}

	@Test
	void withEverySettingTheClientTargetsTheConfiguredHubAndNoGatewayIsEmbedded() {
		try (ConfigurableApplicationContext context = hubApplication(
				"--qhub.service.endpoint=https://gateway.example/acme/svc/1.0.0", "--qhub.service.access-key-id=id",
				"--qhub.service.secret-access-key=secret")) {
			assertThat(context.containsBean(EmbeddedHubGateway.BEAN_NAME)).isFalse();
			assertThat(context.getEnvironment().getPropertySources().contains(EmbeddedHubGateway.PROPERTY_SOURCE_NAME))
				.isFalse();
			HubServiceClient client = context.getBean(HubServiceClient.class);
			assertThat(client.serviceEndpoint()).isEqualTo("https://gateway.example/acme/svc/1.0.0");
			assertThat(client.isAnonymous()).isFalse();
		}
	}

	private static ConfigurableApplicationContext hubApplication(String... args) {
		String[] all = new String[args.length + 1];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--sample.demo.enabled=false";
		return new SpringApplicationBuilder(SampleApplication.class).profiles(EmbeddedHubGateway.HUB_PROFILE)
			.web(WebApplicationType.NONE)
			.run(all);
	}

}
