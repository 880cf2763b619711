package io.qhub.autoconfigure.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Finds keys under {@code qhub.service.*} and {@code qhub.services.<name>.*} that no
 * setting has (Spring Boot's binder ignores them silently), each with where it was
 * written and the closest valid key, so that a missing client can be explained by a typo
 * such as {@code qhub.service.endpont}. The valid keys are those of
 * {@code qhub.service.*} in the configuration metadata that Spring Boot's annotation
 * processor generates.
 */
final class MisspeltKeys {

	private static final Pattern SERVICE_KEY = Pattern.compile("^(qhub\\.service|qhub\\.services\\.[^.]+)\\.(.+)$");

	/**
	 * A {@code qhub.service.*} property in Spring Boot's generated configuration
	 * metadata.
	 */
	private static final Pattern METADATA_KEY = Pattern.compile("\"name\"\\s*:\\s*\"qhub\\.service\\.([^\"]+)\"");

	/** The metadata file that the configuration processor writes for {@code qhub.*}. */
	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	/**
	 * The keys of a service, relative to its prefix, e.g. {@code proxy.host}, as the
	 * metadata lists them.
	 */
	private static final List<String> KNOWN = known(MisspeltKeys.class.getClassLoader());

	private MisspeltKeys() {
	}

	/**
	 * The keys under a service's prefix that are not settings.
	 * @param environment the environment
	 * @return one sentence per key: the key, its origin and the closest valid key
	 */
	static List<String> describe(Environment environment) {
		TreeSet<String> lines = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			for (ConfigurationPropertyName name : iterable) {
				Matcher key = SERVICE_KEY.matcher(name.toString());
				if (!key.matches() || isKnown(key.group(2))) {
					continue;
				}
				ConfigurationProperty property = iterable.getConfigurationProperty(name);
				String origin = (property != null && property.getOrigin() != null) ? " (" + property.getOrigin() + ")"
						: "";
				String closest = closest(key.group(2))
					.map((valid) -> ": did you mean " + key.group(1) + "." + valid + "?")
					.orElse(".");
				lines.add(name + origin + " is not a key the client knows" + closest);
			}
		}
		return List.copyOf(lines);
	}

	private static boolean isKnown(String relative) {
		String withoutIndex = relative.replaceAll("\\[\\d+]$", "");
		return KNOWN.contains(withoutIndex);
	}

	private static Optional<String> closest(String relative) {
		return KNOWN.stream()
			.min(Comparator.comparingInt((String valid) -> distance(valid, relative)))
			.filter((valid) -> distance(valid, relative) <= Math.max(2, valid.length() / 3));
	}

	/**
	 * Levenshtein distance.
	 * @param a one string
	 * @param b the other string
	 * @return the least number of single-character insertions, deletions and
	 * substitutions that turn {@code a} into {@code b}
	 */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static List<String> known(ClassLoader classLoader) {
		TreeSet<String> keys = new TreeSet<>();
		try {
			Enumeration<URL> files = classLoader.getResources(METADATA);
			while (files.hasMoreElements()) {
				try (InputStream in = files.nextElement().openStream()) {
					Matcher key = METADATA_KEY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					while (key.find()) {
						keys.add(key.group(1));
					}
				}
			}
		}
		catch (IOException ex) {
			// a failure report must not fail: without the metadata no key is suggested
		}
		return List.copyOf(keys);
	}

}
