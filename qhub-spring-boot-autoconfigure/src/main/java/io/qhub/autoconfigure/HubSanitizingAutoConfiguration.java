package io.qhub.autoconfigure;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks the client's secrets in the actuator's {@code /configprops} and {@code /env}
 * output, even when the application shows other values
 * ({@code management.endpoint.*.show-values=always}): every {@code qhub} key ending in
 * {@code secret-access-key}, {@code api-key} or {@code password} (the proxy's), in any
 * relaxed form (e.g. {@code QHUB_SERVICE_SECRET_ACCESS_KEY}).
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class HubSanitizingAutoConfiguration {

	@Bean
	SanitizingFunction qhubSecretsSanitizingFunction() {
		return HubSanitizingAutoConfiguration::sanitize;
	}

	static SanitizableData sanitize(SanitizableData data) {
		String key = data.getKey().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		boolean secret = key.endsWith("secretaccesskey")
				|| ((key.endsWith("apikey") || key.endsWith("password")) && isQhub(data, key));
		return secret ? data.withSanitizedValue() : data;
	}

	private static boolean isQhub(SanitizableData data, String key) {
		return key.startsWith("qhub") || data.getPropertySource() == null;
	}

}
