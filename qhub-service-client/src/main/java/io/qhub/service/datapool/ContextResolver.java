package io.qhub.service.datapool;

import java.util.Optional;

import io.qhub.service.core.HubClientException;

/**
 * Resolves the organization the platform calls act for, as the Python SDK's
 * {@code ContextResolver}: {@code KQH_ORGANIZATION_ID} (or the legacy
 * {@code PLANQK_ORGANIZATION_ID}), else the Hub CLI config file's {@code context.id} when
 * {@code context.isOrganization} is true; none means the personal account.
 */
public final class ContextResolver {

	/** Environment variable naming the organization. */
	public static final String ORGANIZATION_VARIABLE = "KQH_ORGANIZATION_ID";

	/** Legacy name of {@link #ORGANIZATION_VARIABLE}. */
	public static final String LEGACY_ORGANIZATION_VARIABLE = "PLANQK_ORGANIZATION_ID";

	private final PlatformEnvironment environment;

	/**
	 * Creates a resolver.
	 * @param environment where to look
	 */
	public ContextResolver(PlatformEnvironment environment) {
		this.environment = environment;
	}

	/**
	 * The organization id, if any.
	 * @return the id, or empty for the personal account
	 * @throws HubClientException naming the path when the config file is malformed (and
	 * no variable is set)
	 */
	public Optional<String> organizationId() {
		String variable = this.environment.variable(ORGANIZATION_VARIABLE);
		if (variable == null) {
			variable = this.environment.variable(LEGACY_ORGANIZATION_VARIABLE);
		}
		if (variable != null) {
			return Optional.of(variable);
		}
		return CliConfigFile.read(this.environment)
			.filter((config) -> Boolean.TRUE.equals(CliConfigFile.at(config, "context", "isOrganization")))
			.map((config) -> CliConfigFile.at(config, "context", "id"))
			.filter((id) -> id instanceof String text && !text.isBlank())
			.map(String.class::cast);
	}

}
