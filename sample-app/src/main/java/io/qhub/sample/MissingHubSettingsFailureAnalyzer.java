package io.qhub.sample;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingHubSettingsException} at startup: what is missing and how to
 * set it.
 */
final class MissingHubSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingHubSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingHubSettingsException cause) {
		StringBuilder description = new StringBuilder(
				"Profile 'hub' connects to the real Kipu Quantum Hub, but these settings are missing:");
		for (int i = 0; i < cause.getEnvironmentVariables().size(); i++) {
			description.append(System.lineSeparator())
				.append("    - environment variable ")
				.append(cause.getEnvironmentVariables().get(i))
				.append(" (property ")
				.append(cause.getProperties().get(i))
				.append(")");
		}
		String action = String.join(System.lineSeparator(),
				"Export the service endpoint and your application's key pair (from its page on the Hub), e.g.",
				"    export QHUB_SERVICE_ENDPOINT=https://gateway.hub.kipu-quantum.com/<context>/<service>/<version>",
				"    export QHUB_ACCESS_KEY_ID=<access key id>",
				"    export QHUB_SECRET_ACCESS_KEY=<secret access key>",
				"or run without profile 'hub' to use the embedded local gateway.");
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
