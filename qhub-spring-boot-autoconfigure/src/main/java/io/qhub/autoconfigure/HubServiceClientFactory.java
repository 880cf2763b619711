package io.qhub.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.qhub.service.client.HubPlatformClient;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.PollingPolicy;
import io.qhub.service.client.ResultRetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Builds {@link HubServiceClient}s from {@code qhub.service.*} and {@code qhub.services.<name>.*}: checks every
 * value first (failing with an {@link InvalidQhubPropertyException} that names the property), then applies the
 * {@link HubServiceClientCustomizer}s.
 */
public final class HubServiceClientFactory {

	/** Name of the client configured by {@code qhub.service.*}. */
	public static final String DEFAULT_NAME = "default";

	private final QhubProperties properties;

	private final Environment environment;

	private final List<HubServiceClientCustomizer> customizers;

	private final @Nullable HubPlatformClient platformClient;

	HubServiceClientFactory(QhubProperties properties, Environment environment,
			List<HubServiceClientCustomizer> customizers, @Nullable HubPlatformClient platformClient) {
		this.properties = properties;
		this.environment = environment;
		this.customizers = List.copyOf(customizers);
		this.platformClient = platformClient;
	}

	/**
	 * Builds the client of {@code qhub.service.*}.
	 * @return the client
	 */
	public HubServiceClient createDefault() {
		return create(DEFAULT_NAME, "qhub.service", this.properties.getService());
	}

	/**
	 * Builds the client of {@code qhub.services.<name>.*}, inheriting every key it leaves unset from
	 * {@code qhub.service.*}.
	 * @param name the service name
	 * @return the client
	 */
	public HubServiceClient createNamed(String name) {
		String prefix = "qhub.services." + name;
		ServiceProperties merged = Binder.get(this.environment)
			.bind(prefix, Bindable.ofInstance(this.properties.getService().copy()))
			.orElseGet(() -> this.properties.getService().copy());
		return create(name, prefix, merged);
	}

	private HubServiceClient create(String name, String prefix, ServiceProperties service) {
		HubServiceClient.Builder builder = HubServiceClient.builder();
		endpoint(prefix + ".endpoint", service.getEndpoint(), builder::serviceEndpoint);
		endpoint(prefix + ".token-endpoint", service.getTokenEndpoint(), builder::tokenEndpoint);
		builder.tokenRefreshBeforeExpiry(notNegative(prefix + ".token-refresh-before-expiry",
					service.getTokenRefreshBeforeExpiry()))
			.connectTimeout(positive(prefix + ".connect-timeout", service.getConnectTimeout()))
			.readTimeout(positive(prefix + ".read-timeout", service.getReadTimeout()))
			.polling(polling(prefix + ".polling", service.getPolling()))
			.resultRetry(resultRetry(prefix + ".result-retry", service.getResultRetry()));
		checkKeyPair(prefix, service);
		builder.accessKeyId(service.getAccessKeyId()).secretAccessKey(service.getSecretAccessKey());
		if (!DEFAULT_NAME.equals(name)) {
			builder.serviceName(name);
		}
		if (this.platformClient != null) {
			builder.platformClient(this.platformClient);
		}
		this.customizers.forEach((customizer) -> customizer.customize(name, builder));
		return builder.build();
	}

	private static void checkKeyPair(String prefix, ServiceProperties service) {
		boolean hasId = StringUtils.hasText(service.getAccessKeyId());
		boolean hasSecret = StringUtils.hasText(service.getSecretAccessKey());
		if (hasId && !hasSecret) {
			throw new InvalidQhubPropertyException(prefix + ".secret-access-key",
					"it is not set, but " + prefix + ".access-key-id is",
					"Set both " + prefix + ".access-key-id and " + prefix + ".secret-access-key (e.g. from "
							+ "environment variables), or neither for a local gateway that does not check tokens.");
		}
		if (hasSecret && !hasId) {
			throw new InvalidQhubPropertyException(prefix + ".access-key-id",
					"it is not set, but " + prefix + ".secret-access-key is",
					"Set both " + prefix + ".access-key-id and " + prefix + ".secret-access-key, or neither.");
		}
	}

	private static void endpoint(String property, @Nullable String url, Consumer<String> setter) {
		String action = "Set " + property + " to the absolute http(s) URL of the service, e.g. "
				+ "https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0.";
		if (!StringUtils.hasText(url)) {
			throw new InvalidQhubPropertyException(property, "it is blank", action);
		}
		try {
			setter.accept(url);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidQhubPropertyException(property, String.valueOf(ex.getMessage()), action);
		}
	}

	private static PollingPolicy polling(String prefix, ServiceProperties.Polling polling) {
		return new PollingPolicy(positive(prefix + ".initial-interval", polling.getInitialInterval()),
				positive(prefix + ".max-interval", polling.getMaxInterval()),
				positive(prefix + ".timeout", polling.getTimeout()));
	}

	private static ResultRetryPolicy resultRetry(String prefix, ServiceProperties.ResultRetry retry) {
		if (retry.getMaxAttempts() < 1) {
			throw new InvalidQhubPropertyException(prefix + ".max-attempts",
					"it is " + retry.getMaxAttempts() + ", but at least one attempt is needed",
					"Set " + prefix + ".max-attempts to 1 or more (4 by default).");
		}
		if (retry.getMultiplier() < 1) {
			throw new InvalidQhubPropertyException(prefix + ".multiplier",
					"it is " + retry.getMultiplier() + ", but waits must not shrink", "Set it to 1 or more (2 by default).");
		}
		return new ResultRetryPolicy(retry.getMaxAttempts(), notNegative(prefix + ".initial-backoff",
				retry.getInitialBackoff()), retry.getMultiplier(), notNegative(prefix + ".max-backoff",
						retry.getMaxBackoff()));
	}

	private static Duration notNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidQhubPropertyException(property, "it is " + value + ", a negative duration",
					"Set " + property + " to zero or a positive duration such as 1s or 500ms.");
		}
		return value;
	}

	private static Duration positive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidQhubPropertyException(property, "it is " + value + ", but it must be positive",
					"Set " + property + " to a positive duration such as 10s or 500ms.");
		}
		return value;
	}

}
