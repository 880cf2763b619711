package io.qhub.autoconfigure.diagnostics;

import java.util.List;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Explains a missing {@link HubServiceClient} (or {@link ReactiveHubServiceClient}) bean:
 * it exists only when {@code qhub.service.endpoint} is set (or the application defines
 * one), and {@code qhub.enabled=false} turns it off. Names keys under
 * {@code qhub.service} that no setting has, with the closest valid key; and, in an
 * application running with Spring AOT, says that the bean set was fixed when the
 * application was built.
 */
final class MissingHubServiceClientFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private static final String CLIENT_CLASS = "io.qhub.service.client.HubServiceClient";

	private final Environment environment;

	MissingHubServiceClientFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		if (!ClassUtils.isPresent(CLIENT_CLASS, getClass().getClassLoader())) {
			return null;
		}
		Required required = required(cause);
		if (required == null) {
			return null;
		}
		String endpoint = (required.service() == null) ? "qhub.service.endpoint"
				: "qhub.services." + required.service() + ".endpoint";
		StringBuilder description = new StringBuilder(required.what() + " was required, but none is configured: ");
		StringBuilder action = new StringBuilder();
		if (AotDetector.useGeneratedArtifacts()) {
			description
				.append("the application runs with Spring AOT, whose bean set was fixed when the application "
						+ "was built (process-aot), and that build saw no " + endpoint)
				.append(this.environment.containsProperty(endpoint) ? " (it is set now, too late)" : "");
			action.append("Set qhub.service.endpoint, and each qhub.services.<name>.endpoint, in the configuration "
					+ "the AOT build reads (for example in application.yml; a placeholder with a default such as "
					+ "${QHUB_SERVICE_ENDPOINT:https://gateway.hub.kipu-quantum.com/acme/service/1.0.0} keeps the "
					+ "value replaceable at run time), then build again. ");
		}
		else {
			description.append(endpoint).append(" is not set");
		}
		List<String> misspelt = MisspeltKeys.describe(this.environment);
		if (!misspelt.isEmpty()) {
			description.append(". ").append(String.join(" ", misspelt));
			action.append("Correct the misspelt key").append((misspelt.size() > 1) ? "s" : "").append(". ");
		}
		description.append((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "").append(".");
		action.append("Set qhub.service.endpoint to your service's gateway URL (with qhub.service.access-key-id and "
				+ "qhub.service.secret-access-key for the Hub), or inject a named service with "
				+ "@Qualifier(\"<name>\") configured under qhub.services.<name>; check that qhub.enabled is not false.");
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	/**
	 * The missing client: the default one (required by type) or a named one (required by
	 * its bean name).
	 * @param cause the failure to inject a bean
	 * @return the missing client, or {@code null} when the missing bean is no client
	 */
	private static @Nullable Required required(NoSuchBeanDefinitionException cause) {
		ResolvableType type = cause.getResolvableType();
		Class<?> required = (type != null) ? type.resolve() : null;
		if (required != null
				&& (HubServiceClient.class.equals(required) || ReactiveHubServiceClient.class.equals(required))) {
			return new Required("A " + required.getSimpleName(), null);
		}
		String beanName = cause.getBeanName();
		for (String suffix : List.of("ReactiveHubServiceClient", "HubServiceClient")) {
			if (beanName != null && beanName.endsWith(suffix) && beanName.length() > suffix.length()) {
				String service = beanName.substring(0, beanName.length() - suffix.length());
				return new Required("The " + suffix + " of the service '" + service + "'", service);
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * A missing client.
	 *
	 * @param what the client in words
	 * @param service the named service, {@code null} for the default one
	 */
	private record Required(String what, @Nullable String service) {
	}

}
