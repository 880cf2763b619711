package io.qhub.service.datapool;

import java.util.Optional;

import io.qhub.service.core.HubClientException;

/**
 * Resolves the platform personal access token as the Python SDK's
 * {@code DefaultCredentialsProvider} does: {@code KQH_PERSONAL_ACCESS_TOKEN}, else
 * {@code auth.value} of the Hub CLI config file ({@code KQH_CONFIG_FILE_PATH}, else
 * {@code ~/.config/planqk/config.json}).
 */
public final class DefaultCredentialsProvider {

	/** Environment variable holding a personal access token. */
	public static final String TOKEN_VARIABLE = "KQH_PERSONAL_ACCESS_TOKEN";

	private final PlatformEnvironment environment;

	/**
	 * Creates a provider.
	 * @param environment where to look
	 */
	public DefaultCredentialsProvider(PlatformEnvironment environment) {
		this.environment = environment;
	}

	/**
	 * The personal access token, if one is configured.
	 * @return the token, or empty
	 * @throws HubClientException naming the path when the config file is malformed (and
	 * no variable is set)
	 */
	public Optional<String> personalAccessToken() {
		String fromEnvironment = this.environment.variable(TOKEN_VARIABLE);
		if (fromEnvironment != null) {
			return Optional.of(fromEnvironment);
		}
		return CliConfigFile.read(this.environment)
			.map((config) -> CliConfigFile.at(config, "auth", "value"))
			.filter((value) -> value instanceof String text && !text.isBlank())
			.map(String.class::cast);
	}

	@Override
	public String toString() {
		return "DefaultCredentialsProvider[config=" + CliConfigFile.location(this.environment) + "]";
	}

}
