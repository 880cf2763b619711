package io.qhub.autoconfigure.diagnostics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HubCompatibilityVerifier} in a real {@code SpringApplication} start, with the
 * running Spring Boot version simulated: an unsupported line fails before any bean is
 * created, with Boot's failure report naming the supported lines; supported lines, an
 * unknown version and the switch let the application start.
 */
@ExtendWith(OutputCaptureExtension.class)
class HubCompatibilityVerifierTests {

	@Test
	void anUnsupportedLineFailsAtStartupNamingTheSupportedLines(CapturedOutput output) {
		assertThatExceptionOfType(IncompatibleSpringBootException.class).isThrownBy(() -> start("3.5.7"))
			.withMessageContaining("supports Spring Boot 4.0.x and 4.1.x, but this application runs Spring Boot 3.5.7")
			.withMessageContaining("Use Spring Boot 4.0.x or 4.1.x")
			.satisfies((ex) -> assertThat(ex.getSupportedLines()).containsExactly("4.0", "4.1"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("supports Spring Boot 4.0.x and 4.1.x, but this application runs Spring Boot 3.5.7.")
			.contains("Change the application's Spring Boot version to 4.0.x or 4.1.x")
			.contains("qhub.compatibility-verifier.enabled=false")
			.doesNotContain("NoSuchMethodError:")
			.doesNotContain("Started");
	}

	@Test
	void aNewerLineFailsToo() {
		assertThatExceptionOfType(IncompatibleSpringBootException.class).isThrownBy(() -> start("4.2.0"))
			.withMessageContaining("runs Spring Boot 4.2.0");
	}

	@Test
	void supportedLinesStart() {
		start("4.0.9");
		start("4.1.2");
		start("4.1.0-RC1");
	}

	@Test
	void anUnknownVersionStarts() {
		start(null);
	}

	@Test
	void theSwitchLetsAnUnsupportedLineStart() {
		try (ConfigurableApplicationContext context = builder("3.5.7")
			.properties("qhub.compatibility-verifier.enabled=false")
			.run()) {
			assertThat(context.isActive()).isTrue();
		}
	}

	@Test
	void theRunningBootIsSupportedAndTheVerifierIsRegistered() {
		assertThat(SpringBootVersion.getVersion()).matches("4\\.[01]\\..*");
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(org.springframework.context.ApplicationContextInitializer.class)).map(Object::getClass)
			.contains(HubCompatibilityVerifier.class);
	}

	private static void start(String version) {
		builder(version).run().close();
	}

	private static SpringApplicationBuilder builder(String version) {
		return new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE)
			.initializers(new HubCompatibilityVerifier(() -> version));
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyApplication {

	}

}
