package io.qhub.autoconfigure;

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
 * Explains a missing {@link HubServiceClient} (or {@link ReactiveHubServiceClient}) bean: it exists only when
 * {@code qhub.service.endpoint} is set (or the application defines one), and {@code qhub.enabled=false} turns it
 * off. Names keys under {@code qhub.service} that no setting has, with the closest valid key; and, in an application
 * running with Spring AOT, says that the bean set was fixed when the application was built.
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
		ResolvableType type = cause.getResolvableType();
		if (type == null || !ClassUtils.isPresent(CLIENT_CLASS, getClass().getClassLoader())) {
			return null;
		}
		Class<?> required = type.resolve();
		if (!HubServiceClient.class.equals(required) && !ReactiveHubServiceClient.class.equals(required)) {
			return null;
		}
		StringBuilder description = new StringBuilder("A " + required.getSimpleName()
				+ " was required, but none is configured: ");
		StringBuilder action = new StringBuilder();
		boolean endpointSet = this.environment.containsProperty("qhub.service.endpoint");
		if (AotDetector.useGeneratedArtifacts()) {
			description.append("the application runs with Spring AOT, whose bean set was fixed when the application "
					+ "was built (process-aot), and that build saw no qhub.service.endpoint")
				.append(endpointSet ? " (it is set now, too late)" : "");
			action.append("Set qhub.service.endpoint, and each qhub.services.<name>.endpoint, in the configuration "
					+ "the AOT build reads (for example in application.yml; a placeholder with a default such as "
					+ "${QHUB_SERVICE_ENDPOINT:https://gateway.hub.kipu-quantum.com/acme/service/1.0.0} keeps the "
					+ "value replaceable at run time), then build again. ");
		}
		else {
			description.append("qhub.service.endpoint is not set");
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

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
