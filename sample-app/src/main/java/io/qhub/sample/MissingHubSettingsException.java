package io.qhub.sample;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Profile {@code hub} is active but the real Hub's endpoint or key pair is not
 * configured.
 */
public class MissingHubSettingsException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final List<String> environmentVariables;

	private final List<String> properties;

	MissingHubSettingsException(List<String[]> missing) {
		super("Profile 'hub' needs " + missing.stream().map((s) -> s[1]).collect(Collectors.joining(", ")));
		this.properties = missing.stream().map((s) -> s[0]).toList();
		this.environmentVariables = missing.stream().map((s) -> s[1]).toList();
	}

	/**
	 * The missing environment variables.
	 * @return their names
	 */
	public List<String> getEnvironmentVariables() {
		return this.environmentVariables;
	}

	/**
	 * The properties they feed.
	 * @return the property names
	 */
	public List<String> getProperties() {
		return this.properties;
	}

}
