package io.qhub.autoconfigure;

import io.qhub.service.client.HubServiceClient;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Explains a missing {@link HubServiceClient} bean: it exists only when {@code qhub.service.endpoint} is set (or
 * the application defines one), and {@code qhub.enabled=false} turns it off.
 */
final class MissingHubServiceClientFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private static final String CLIENT_CLASS = "io.qhub.service.client.HubServiceClient";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		ResolvableType type = cause.getResolvableType();
		if (type == null || !ClassUtils.isPresent(CLIENT_CLASS, getClass().getClassLoader())
				|| !HubServiceClient.class.equals(type.resolve())) {
			return null;
		}
		return new FailureAnalysis(
				"A HubServiceClient was required, but none is configured: qhub.service.endpoint is not set"
						+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "") + ".",
				"Set qhub.service.endpoint to your service's gateway URL (with qhub.service.access-key-id and "
						+ "qhub.service.secret-access-key for the Hub), or inject a named service with "
						+ "@Qualifier(\"<name>\") configured under qhub.services.<name>; check that qhub.enabled is "
						+ "not false.",
				cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
