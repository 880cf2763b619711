package io.qhub.autoconfigure.diagnostics;

import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fails the start of an application whose Spring Boot line this release does not support,
 * before any bean is created, as Spring Cloud's compatibility verifier does; otherwise an
 * older Boot would fail later with a {@code NoClassDefFoundError} or
 * {@code NoSuchMethodError} on the first call. Registered in
 * {@code META-INF/spring.factories}; uses only API that every Boot line has. When Boot's
 * version cannot be read (a repackaged jar without manifest entries) it lets the
 * application start. {@code
 * qhub.compatibility-verifier.enabled=false} switches it off.
 */
public final class HubCompatibilityVerifier implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * The Spring Boot lines this release is built and tested on, as {@code major.minor}.
	 */
	public static final List<String> SUPPORTED_LINES = List.of("4.0", "4.1");

	/** The property that switches the verifier off. */
	public static final String ENABLED_PROPERTY = "qhub.compatibility-verifier.enabled";

	private static final Log logger = LogFactory.getLog(HubCompatibilityVerifier.class);

	private final Supplier<@Nullable String> bootVersion;

	/** The verifier of the running Spring Boot. */
	public HubCompatibilityVerifier() {
		this(SpringBootVersion::getVersion);
	}

	HubCompatibilityVerifier(Supplier<@Nullable String> bootVersion) {
		this.bootVersion = bootVersion;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (!context.getEnvironment().getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
			return;
		}
		String version = this.bootVersion.get();
		if (version == null) {
			logger.debug("The Spring Boot version is unknown; qhub-spring-boot does not check it");
			return;
		}
		String line = line(version);
		if (!SUPPORTED_LINES.contains(line)) {
			throw new IncompatibleSpringBootException(version, SUPPORTED_LINES);
		}
	}

	private static String line(String version) {
		String[] parts = version.split("\\.");
		return (parts.length >= 2) ? parts[0] + "." + parts[1] : version;
	}

}
