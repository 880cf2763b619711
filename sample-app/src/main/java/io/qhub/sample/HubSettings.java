package io.qhub.sample;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The settings profile {@code hub} needs, each with the environment variable that feeds
 * it.
 */
final class HubSettings {

	/** Property and environment variable, in the order they are reported. */
	static final List<String[]> REQUIRED = List.of(new String[] { "qhub.service.endpoint", "QHUB_SERVICE_ENDPOINT" },
			new String[] { "qhub.service.access-key-id", "QHUB_ACCESS_KEY_ID" },
			new String[] { "qhub.service.secret-access-key", "QHUB_SECRET_ACCESS_KEY" });

	private HubSettings() {
	}

	/**
	 * Fails with a {@link MissingHubSettingsException} naming every missing setting.
	 * @param environment the environment
	 */
	static void check(Environment environment) {
		List<String[]> missing = new ArrayList<>();
		for (String[] setting : REQUIRED) {
			if (!StringUtils.hasText(environment.getProperty(setting[0]))) {
				missing.add(setting);
			}
		}
		if (!missing.isEmpty()) {
			throw new MissingHubSettingsException(missing);
		}
	}

}
