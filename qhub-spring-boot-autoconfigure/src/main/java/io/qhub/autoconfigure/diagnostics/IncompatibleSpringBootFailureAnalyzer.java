package io.qhub.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link IncompatibleSpringBootException} as Spring Boot's "description /
 * action" startup failure.
 */
final class IncompatibleSpringBootFailureAnalyzer extends AbstractFailureAnalyzer<IncompatibleSpringBootException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IncompatibleSpringBootException cause) {
		return new FailureAnalysis(cause.getDescription(),
				"Change the application's Spring Boot version to " + cause.supportedLinesToChoose()
						+ ". To start anyway, at the risk of a NoSuchMethodError later, set "
						+ HubCompatibilityVerifier.ENABLED_PROPERTY + "=false.",
				cause);
	}

}
