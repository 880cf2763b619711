package io.qhub.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an {@link InvalidQhubPropertyException} as Spring Boot's "description / action" startup failure. */
final class InvalidQhubPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidQhubPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidQhubPropertyException cause) {
		return new FailureAnalysis("The Kipu Quantum Hub client could not be configured: property '"
				+ cause.getProperty() + "' is invalid: " + cause.getProblem() + ".", cause.getAction(), cause);
	}

}
