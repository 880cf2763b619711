package io.qhub.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidHubPropertyException} as Spring Boot's "description / action"
 * startup failure.
 */
final class InvalidHubPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidHubPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidHubPropertyException cause) {
		StringBuilder description = new StringBuilder("The Kipu Quantum Hub client could not be configured: property '")
			.append(cause.getProperty())
			.append("'");
		cause.getValue().ifPresent((value) -> description.append(" with value '").append(value).append("'"));
		cause.getOrigin().ifPresent((origin) -> description.append(" (from ").append(origin).append(")"));
		description.append(" is invalid: ").append(cause.getProblem()).append(".");
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

}
