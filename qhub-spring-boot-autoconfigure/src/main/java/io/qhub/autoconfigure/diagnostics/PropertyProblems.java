package io.qhub.autoconfigure.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.qhub.service.core.InvalidSettingException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * Turns a client's {@link InvalidSettingException} (which speaks of builder settings such
 * as {@code secretAccessKey}) into an {@link InvalidHubPropertyException} that speaks of
 * properties only: the property holding the value, the value as written and its origin
 * (from Spring Boot's configuration property sources), every setting named in the rule
 * translated to its property, and an action. Used by the auto-configurations.
 */
public final class PropertyProblems {

	/** The prefix of the default service's properties. */
	private static final String DEFAULT_PREFIX = "qhub.service";

	/** The prefix of the named services' properties. */
	private static final String NAMED_PREFIX = "qhub.services";

	/**
	 * Spring Boot's HTTP client properties behind the {@code HttpClientSettings} values
	 * that a service uses when its own key is unset, by the key relative to
	 * {@code qhub.service}: where a rejected value may have been written.
	 */
	private static final Map<String, String> BOOT_HTTP_CLIENT_KEYS = Map.of("connect-timeout",
			"spring.http.clients.connect-timeout", "read-timeout", "spring.http.clients.read-timeout", "ssl.bundle",
			"spring.http.clients.ssl.bundle");

	/**
	 * A builder setting named in a rule: camel case ({@code accessKeyId}) or nested
	 * ({@code proxy.username}).
	 */
	private static final Pattern SETTING = Pattern
		.compile("(?<![.\\w])(?:(?:proxy|ssl)\\.[a-z]+(?:[A-Z][a-z0-9]*)*|[a-z]+(?:[A-Z][a-z0-9]*)+)(?!\\w|\\.\\w)");

	private static final Pattern DURATION = Pattern.compile(".*(timeout|interval|backoff|expiry)$");

	private final Environment environment;

	/**
	 * Creates the translator for an application.
	 * @param environment the environment whose property sources hold the values
	 */
	public PropertyProblems(Environment environment) {
		this.environment = environment;
	}

	/**
	 * The property that holds a builder setting's value for a service: the first that is
	 * set of the service's own key, the inherited {@code qhub.service.*} key (for a named
	 * service) and Spring Boot's HTTP client key; the service's own key when none is set.
	 * @param servicePrefix {@code qhub.service} or {@code qhub.services.<name>}
	 * @param setting the builder setting, e.g. {@code polling.initialInterval}
	 * @return the property, e.g. {@code qhub.services.optimizer.polling.initial-interval}
	 */
	public String property(String servicePrefix, String setting) {
		String relative = kebab(
				(setting.endsWith("Endpoint") && !setting.equals("tokenEndpoint")) ? "endpoint" : setting);
		String own = servicePrefix + "." + relative;
		List<String> candidates = new ArrayList<>(List.of(own));
		if (servicePrefix.startsWith(NAMED_PREFIX + ".")) {
			candidates.add(DEFAULT_PREFIX + "." + relative);
		}
		String boot = BOOT_HTTP_CLIENT_KEYS.get(relative);
		if (boot != null) {
			candidates.add(boot);
		}
		return candidates.stream().filter((candidate) -> find(candidate) != null).findFirst().orElse(own);
	}

	/**
	 * The exception reporting a rejected setting under its property.
	 * @param servicePrefix {@code qhub.service}, {@code qhub.services.<name>} or
	 * {@code qhub.platform}
	 * @param ex the client's exception
	 * @return the exception to throw
	 */
	public InvalidHubPropertyException invalid(String servicePrefix, InvalidSettingException ex) {
		String systemProperty = System.getProperty(ex.setting());
		if (systemProperty != null) {
			return new InvalidHubPropertyException(ex.setting(), systemProperty, "JVM system property",
					"it " + ex.rule(), "Correct the JVM system property " + ex.setting() + ", or set " + servicePrefix
							+ ".proxy.use-system-properties=false so that the client does not read it.");
		}
		String property = property(servicePrefix, ex.setting());
		String rule = translate(servicePrefix, ex.rule());
		return invalid(property, rule, action(servicePrefix, property, rule));
	}

	/**
	 * The exception reporting a property that breaks a rule, with its value as written
	 * and its origin.
	 * @param property the property, e.g. {@code management.health.qhub.timeout}
	 * @param rule the rule, e.g. {@code "must be positive"}
	 * @param action how to fix it
	 * @return the exception to throw
	 */
	public InvalidHubPropertyException invalid(String property, String rule, String action) {
		ConfigurationProperty written = find(property);
		String value = (written != null) ? (isSecret(property) ? "******" : String.valueOf(written.getValue())) : null;
		String origin = (written != null && written.getOrigin() != null) ? written.getOrigin().toString() : null;
		return new InvalidHubPropertyException(property, value, origin, "it " + rule, action);
	}

	private @Nullable ConfigurationProperty find(String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty found = source.getConfigurationProperty(name);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	/**
	 * Replaces every builder setting named in a rule (e.g. {@code accessKeyId}) with its
	 * property.
	 * @param servicePrefix {@code qhub.service}, {@code qhub.services.<name>} or
	 * {@code qhub.platform}
	 * @param rule the client's rule, which may name builder settings
	 * @return the rule with property names in place of setting names
	 */
	private String translate(String servicePrefix, String rule) {
		Matcher matcher = SETTING.matcher(rule);
		StringBuilder translated = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(translated, Matcher.quoteReplacement(property(servicePrefix, matcher.group())));
		}
		matcher.appendTail(translated);
		return translated.toString();
	}

	private static String action(String servicePrefix, String property, String rule) {
		if (property.endsWith(".access-key-id") || property.endsWith(".secret-access-key")) {
			return "Set both " + servicePrefix + ".access-key-id and " + servicePrefix + ".secret-access-key (for "
					+ "example from environment variables), or neither for a local gateway that does not check tokens.";
		}
		String example = property.endsWith("endpoint")
				? ", for example https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0"
				: DURATION.matcher(property).matches() ? ", for example 10s or 500ms" : "";
		return "Correct " + property + ": it " + rule + example + ".";
	}

	private static boolean isSecret(String property) {
		return property.endsWith("secret-access-key") || property.endsWith("api-key");
	}

	private static String kebab(String setting) {
		return setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
