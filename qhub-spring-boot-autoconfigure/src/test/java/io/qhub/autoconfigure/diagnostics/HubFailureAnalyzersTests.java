package io.qhub.autoconfigure.diagnostics;

import java.util.List;

import io.qhub.autoconfigure.HubServiceAutoConfiguration;
import io.qhub.service.client.HubServiceClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link InvalidHubPropertyFailureAnalyzer} and
 * {@link MissingHubServiceClientFailureAnalyzer}, fed with real startup failures.
 */
@ExtendWith(OutputCaptureExtension.class)
class HubFailureAnalyzersTests {

	private static final String ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HubServiceAutoConfiguration.class));

	@Test
	void halfAKeyPairIsReportedWithPropertyAndAction() {
		FailureAnalysis analysis = analyzeInvalid("qhub.service.endpoint=" + ENDPOINT, "qhub.service.access-key-id=id");
		assertThat(analysis.getDescription()).contains("'qhub.service.secret-access-key'")
			.contains("it must be set together with qhub.service.access-key-id, or neither be set")
			.doesNotContain("accessKeyId")
			.doesNotContain("secretAccessKey");
		assertThat(analysis.getAction())
			.contains("Set both qhub.service.access-key-id and qhub.service.secret-access-key");
		assertThat(analysis.getCause()).isInstanceOf(InvalidHubPropertyException.class);
	}

	@Test
	void blankEndpointIsReported() {
		FailureAnalysis analysis = analyzeInvalid("qhub.service.endpoint=  ");
		assertThat(analysis.getDescription()).contains("'qhub.service.endpoint'")
			.contains("it must be set to an absolute http(s) URL");
		assertThat(analysis.getAction()).contains("qhub.service.endpoint")
			.contains("for example https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0");
	}

	@Test
	void malformedEndpointIsReported() {
		FailureAnalysis analysis = analyzeInvalid("qhub.service.endpoint=https://exa mple.com/acme");
		assertThat(analysis.getDescription()).contains("'qhub.service.endpoint' with value 'https://exa mple.com/acme'")
			.contains("must be a valid absolute http(s) URL")
			.doesNotContain("Illegal character")
			.doesNotContain("serviceEndpoint");
		assertThat(analysis.getAction()).contains("qhub.service.endpoint");
	}

	@Test
	void nonHttpSchemeIsReported() {
		FailureAnalysis analysis = analyzeInvalid("qhub.service.endpoint=ftp://example.com/acme/x/1.0.0");
		assertThat(analysis.getDescription()).contains("'qhub.service.endpoint'")
			.contains("must be an http or https URL");
		assertThat(analysis.getAction()).contains("qhub.service.endpoint").contains("https://");
	}

	@Test
	void negativeDurationIsReported() {
		FailureAnalysis analysis = analyzeInvalid("qhub.service.endpoint=" + ENDPOINT,
				"qhub.service.token-refresh-before-expiry=-10s");
		assertThat(analysis.getDescription()).contains("'qhub.service.token-refresh-before-expiry'")
			.contains("with value '-10s'")
			.contains("it must not be negative")
			.doesNotContain("PT-10S");
		assertThat(analysis.getAction()).contains("qhub.service.token-refresh-before-expiry")
			.contains("for example 10s or 500ms");
	}

	@Test
	void namedServiceNegativeDurationIsReportedWithItsOwnKey() {
		FailureAnalysis analysis = analyzeInvalid("qhub.services.optimizer.endpoint=" + ENDPOINT,
				"qhub.services.optimizer.polling.max-interval=-1s");
		assertThat(analysis.getDescription()).contains("'qhub.services.optimizer.polling.max-interval'");
	}

	@Test
	void anUnresolvedPlaceholderIsReportedInsteadOfSentAsAKey() {
		FailureAnalysis analysis = analyzeInvalid("qhub.service.endpoint=" + ENDPOINT,
				"qhub.service.access-key-id=${QHUB_TEST_UNSET_KEY_ID}",
				"qhub.service.secret-access-key=${QHUB_TEST_UNSET_SECRET}");
		assertThat(analysis.getDescription()).contains("'qhub.service.access-key-id'")
			.contains("it holds the unresolved placeholder ${QHUB_TEST_UNSET_KEY_ID}");
		assertThat(analysis.getAction()).contains("Set the environment variable or property QHUB_TEST_UNSET_KEY_ID");
	}

	@Test
	void secretValueIsNeverInTheReport() {
		FailureAnalysis analysis = analyzeInvalid("qhub.service.endpoint=" + ENDPOINT,
				"qhub.service.secret-access-key=s3cr3t-value");
		assertThat(analysis.getDescription()).contains("'qhub.service.access-key-id'").doesNotContain("s3cr3t-value");
		assertThat(analysis.getAction()).doesNotContain("s3cr3t-value");
	}

	@Test
	void invalidPropertyAnalyzerIgnoresOtherFailures() {
		assertThat(new InvalidHubPropertyFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
	}

	@Test
	void missingClientIsReported() {
		this.contextRunner.withUserConfiguration(NeedsClientConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new MissingHubServiceClientFailureAnalyzer(new MockEnvironment())
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("HubServiceClient")
				.contains("qhub.service.endpoint is not set");
			assertThat(analysis.getAction()).contains("Set qhub.service.endpoint")
				.contains("qhub.services.<name>")
				.contains("qhub.enabled");
			assertThat(analysis.getCause()).isInstanceOf(NoSuchBeanDefinitionException.class);
		});
	}

	@Test
	void missingClientIsReportedWhenDisabled() {
		this.contextRunner.withPropertyValues("qhub.enabled=false", "qhub.service.endpoint=" + ENDPOINT)
			.withUserConfiguration(NeedsClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new MissingHubServiceClientFailureAnalyzer(new MockEnvironment())
					.analyze(context.getStartupFailure())).isNotNull();
			});
	}

	@Test
	void missingQualifiedClientIsReported() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT)
			.withUserConfiguration(NeedsOptimizerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new MissingHubServiceClientFailureAnalyzer(new MockEnvironment())
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getAction()).contains("@Qualifier(\"<name>\")");
			});
	}

	@Test
	void aMisspeltKeyIsNamedWithTheClosestValidKeyAndItsFileAndLine(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("misspelt-endpoint.yml"));
		assertThat(output).contains("A HubServiceClient was required, but none is configured")
			.contains("qhub.service.endpont (class path resource [misspelt-endpoint.yml] - 3:14) is not a key the "
					+ "client knows: did you mean qhub.service.endpoint?")
			.contains("qhub.services.optimizer.polling.max-intervall (class path resource [misspelt-endpoint.yml] - "
					+ "8:30) is not a key the client knows: did you mean qhub.services.optimizer.polling.max-interval?")
			.contains("Correct the misspelt keys.");
	}

	@Test
	void anInvalidValueIsReportedAsWrittenWithItsFileAndLine(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("invalid-timeout.yml"));
		assertThat(output)
			.contains("property 'qhub.service.call-timeout' with value '-5s' (from class path "
					+ "resource [invalid-timeout.yml] - 4:19) is invalid: it must be positive")
			.doesNotContain("PT-5S")
			.doesNotContain("callTimeout");
	}

	@Test
	void withAotTheMissingClientIsExplainedByTheBuild() {
		this.contextRunner.withPropertyValues("qhub.enabled=false", "qhub.service.endpoint=" + ENDPOINT)
			.withUserConfiguration(NeedsClientConfiguration.class)
			.run((context) -> {
				FailureAnalysis analysis;
				System.setProperty(AotDetector.AOT_ENABLED, "true");
				try {
					analysis = new MissingHubServiceClientFailureAnalyzer(
							new MockEnvironment().withProperty("qhub.service.endpoint", ENDPOINT))
						.analyze(context.getStartupFailure());
				}
				finally {
					System.clearProperty(AotDetector.AOT_ENABLED);
				}
				assertThat(analysis.getDescription()).contains("runs with Spring AOT")
					.contains("bean set was fixed when the application was built (process-aot)")
					.contains("that build saw no qhub.service.endpoint (it is set now, too late)");
				assertThat(analysis.getAction()).contains("in the configuration the AOT build reads")
					.contains("then build again");
			});
	}

	@Test
	void withAotANamedServiceAddedAtRunTimeIsExplainedByTheBuild() {
		NoSuchBeanDefinitionException missing = new NoSuchBeanDefinitionException("extraHubServiceClient");
		FailureAnalysis analysis;
		System.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			analysis = new MissingHubServiceClientFailureAnalyzer(
					new MockEnvironment().withProperty("qhub.services.extra.endpoint", ENDPOINT))
				.analyze(missing);
		}
		finally {
			System.clearProperty(AotDetector.AOT_ENABLED);
		}
		assertThat(analysis.getDescription())
			.startsWith("The HubServiceClient of the service 'extra' was required, but none is configured")
			.contains("that build saw no qhub.services.extra.endpoint (it is set now, too late)");
	}

	@Test
	void aNamedClientMissingWithoutAotNamesItsEndpoint() {
		FailureAnalysis analysis = new MissingHubServiceClientFailureAnalyzer(new MockEnvironment())
			.analyze(new NoSuchBeanDefinitionException("optimizerReactiveHubServiceClient"));
		assertThat(analysis.getDescription()).startsWith("The ReactiveHubServiceClient of the service 'optimizer'")
			.contains("qhub.services.optimizer.endpoint is not set");
	}

	@Test
	void missingClientAnalyzerIgnoresOtherMissingBeans() {
		this.contextRunner.withUserConfiguration(NeedsStringBuilderConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new MissingHubServiceClientFailureAnalyzer(new MockEnvironment())
				.analyze(context.getStartupFailure())).isNull();
		});
	}

	@Test
	void bothAnalyzersAreRegisteredInSpringFactories() {
		// other jars' analyzers may need constructor arguments: skip those, ours have
		// none
		ArgumentResolver environment = ArgumentResolver.of(Environment.class, new MockEnvironment());
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, environment, FailureHandler.handleMessage((message, failure) -> {
			}));
		assertThat(analyzers).map((analyzer) -> analyzer.getClass().getName())
			.contains(InvalidHubPropertyFailureAnalyzer.class.getName(),
					MissingHubServiceClientFailureAnalyzer.class.getName());
	}

	/**
	 * Starts an application as Spring Boot does, with one YAML file as its configuration.
	 */
	private static void start(String yaml) {
		new SpringApplicationBuilder(NeedsClientApplication.class).web(WebApplicationType.NONE)
			.properties("spring.config.location=classpath:" + yaml)
			.run()
			.close();
	}

	private FailureAnalysis analyzeInvalid(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidHubPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).isNotNull();
		assertThat(analysis[0].getDescription()).startsWith("The Kipu Quantum Hub client could not be configured");
		return analysis[0];
	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsClientConfiguration {

		@Bean
		String needsClient(HubServiceClient client) {
			return client.serviceEndpoint();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(HubServiceAutoConfiguration.class)
	@Import(NeedsClientConfiguration.class)
	static class NeedsClientApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsOptimizerConfiguration {

		@Bean
		String needsOptimizer(@Qualifier("optimizer") HubServiceClient client) {
			return client.serviceEndpoint();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsStringBuilderConfiguration {

		@Bean
		String needsStringBuilder(StringBuilder builder) {
			return builder.toString();
		}

	}

}
