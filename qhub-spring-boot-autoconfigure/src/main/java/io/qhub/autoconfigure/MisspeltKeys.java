package io.qhub.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Finds keys under {@code qhub.service.*} and {@code qhub.services.<name>.*} that no setting has (Spring Boot's
 * binder ignores them silently), each with where it was written and the closest valid key, so that a missing client
 * can be explained by a typo such as {@code qhub.service.endpont}.
 */
final class MisspeltKeys {

	private static final Pattern SERVICE_KEY = Pattern.compile("^(qhub\\.service|qhub\\.services\\.[^.]+)\\.(.+)$");

	/** The keys of {@link ServiceProperties}, relative to a service's prefix, e.g. {@code proxy.host}. */
	private static final List<String> KNOWN = known(ServiceProperties.class, "");

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
				String origin = (property != null && property.getOrigin() != null)
						? " (" + property.getOrigin() + ")" : "";
				String closest = closest(key.group(2)).map((valid) -> ": did you mean " + key.group(1) + "." + valid
						+ "?").orElse(".");
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

	/** Levenshtein distance. */
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

	private static List<String> known(Class<?> type, String prefix) {
		List<String> keys = new ArrayList<>();
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			if (property.getReadMethod() == null || property.getName().equals("class")) {
				continue;
			}
			String key = prefix + PropertyProblems.kebab(property.getName());
			Class<?> valueType = property.getPropertyType();
			if (valueType.getDeclaringClass() == ServiceProperties.class && !valueType.isEnum()) {
				keys.addAll(known(valueType, key + "."));
			}
			else {
				keys.add(key);
			}
		}
		return List.copyOf(keys);
	}

}
