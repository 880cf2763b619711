package io.qhub.autoconfigure;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.qhub.autoconfigure.diagnostics.PropertyProblems;
import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.core.ProxySettings;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.TlsSettings;
import io.qhub.service.core.TransportSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.unit.DataSize;

/**
 * Maps one service's connection details and properties onto its client builder with
 * Spring Boot's {@link PropertyMapper}. Each value is the service's own, else the one it
 * inherits from {@code qhub.service.*}, else (connect and read timeout, SSL bundle)
 * Spring Boot's {@link HttpClientSettings}, else the builder keeps its default. The
 * builder checks every value; a rejected one is reported under the property that holds
 * it. Redirects are not mapped: the clients never follow them.
 */
final class ServicePropertiesMapper {

	/**
	 * A value that is one placeholder without default, as Spring leaves it when nothing
	 * resolves it.
	 */
	private static final Pattern UNRESOLVED_PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)}");

	private final HttpClientSettings httpClientSettings;

	private final Supplier<@Nullable SslBundles> sslBundles;

	private final PropertyProblems problems;

	ServicePropertiesMapper(HttpClientSettings httpClientSettings, Supplier<@Nullable SslBundles> sslBundles,
			PropertyProblems problems) {
		this.httpClientSettings = httpClientSettings;
		this.sslBundles = sslBundles;
		this.problems = problems;
	}

	/**
	 * Maps where a service is and how to authenticate to it.
	 * @param prefix {@code qhub.service} or {@code qhub.services.<name>}
	 * @param details the service's connection details
	 * @param builder the builder
	 */
	void mapConnection(String prefix, HubServiceConnectionDetails details, HubServiceClientBuilder builder) {
		requireResolved(prefix, "serviceEndpoint", details.getServiceEndpoint());
		requireResolved(prefix, "accessKeyId", details.getAccessKeyId());
		requireResolved(prefix, "secretAccessKey", details.getSecretAccessKey());
		requireResolved(prefix, "tokenEndpoint", details.getTokenEndpoint());
		PropertyMapper map = PropertyMapper.get();
		checked(prefix, () -> {
			map.from(details::getServiceEndpoint).to(builder::serviceEndpoint);
			map.from(details::getAccessKeyId).to(builder::accessKeyId);
			map.from(details::getSecretAccessKey).to(builder::secretAccessKey);
			map.from(details::getTokenEndpoint).to(builder::tokenEndpoint);
		});
	}

	/**
	 * Maps every other setting of a service.
	 * @param prefix {@code qhub.service} or {@code qhub.services.<name>}
	 * @param service the service's properties
	 * @param inherited the properties it inherits unset keys from (empty for the default
	 * service)
	 * @param builder the builder
	 */
	void mapSettings(String prefix, ServiceProperties service, ServiceProperties inherited,
			HubServiceClientBuilder builder) {
		PropertyMapper map = PropertyMapper.get();
		HttpClientSettings boot = this.httpClientSettings;
		checked(prefix, () -> {
			map.from(service::getTokenRefreshBeforeExpiry)
				.orFrom(inherited::getTokenRefreshBeforeExpiry)
				.to(builder::tokenRefreshBeforeExpiry);
			map.from(service::getSubmissionKeys).orFrom(inherited::getSubmissionKeys).to(builder::submissionKeys);
			map.from(service::getConnectTimeout)
				.orFrom(inherited::getConnectTimeout)
				.orFrom(boot::connectTimeout)
				.to(builder::connectTimeout);
			map.from(service::getReadTimeout)
				.orFrom(inherited::getReadTimeout)
				.orFrom(boot::readTimeout)
				.to(builder::readTimeout);
			map.from(service::getCallTimeout).orFrom(inherited::getCallTimeout).to(builder::callTimeout);
			map.from(service::getMaxConnections).orFrom(inherited::getMaxConnections).to(builder::maxConnections);
			map.from(service::getMaxJsonBodySize)
				.orFrom(inherited::getMaxJsonBodySize)
				.as(DataSize::toBytes)
				.to(builder::maxJsonBodySize);
			map.from(() -> proxy(service.getProxy(), inherited.getProxy())).to(builder::proxy);
			map.from(() -> sslBundle(service.getSsl(), inherited.getSsl()))
				.as(ServicePropertiesMapper::tls)
				.to(builder::tls);
			map.from(() -> polling(service.getPolling(), inherited.getPolling())).to(builder::polling);
			map.from(() -> resultRetry(service.getResultRetry(), inherited.getResultRetry())).to(builder::resultRetry);
		});
	}

	private void checked(String prefix, Runnable mapping) {
		try {
			mapping.run();
		}
		catch (InvalidSettingException ex) {
			throw this.problems.invalid(prefix, ex);
		}
	}

	/**
	 * Fails on a value that is still a placeholder, such as {@code ${QHUB_ACCESS_KEY_ID}}
	 * when that variable is not set (Spring leaves an unresolvable placeholder as
	 * written), instead of sending it as a key.
	 * @param prefix {@code qhub.service} or {@code qhub.services.<name>}
	 * @param setting the setting's key under the prefix, to name the property in the
	 * failure
	 * @param value the setting's value, {@code null} when it is not set
	 */
	private void requireResolved(String prefix, String setting, @Nullable String value) {
		Matcher placeholder = (value != null) ? UNRESOLVED_PLACEHOLDER.matcher(value) : null;
		if (placeholder != null && placeholder.matches()) {
			String variable = placeholder.group(1);
			String property = this.problems.property(prefix, setting);
			throw this.problems.invalid(property, "holds the unresolved placeholder ${" + variable + "}",
					"Set the environment variable or property " + variable + ", or give " + property + " a default (${"
							+ variable + ":...}).");
		}
	}

	/**
	 * The proxy of the properties, {@code null} when none of its keys is set (the
	 * client's default applies).
	 * @param own the service's own proxy properties
	 * @param inherited the proxy properties it inherits unset keys from
	 * @return the proxy settings, or {@code null} when no key is set
	 */
	private static @Nullable ProxySettings proxy(ServiceProperties.Proxy own, ServiceProperties.Proxy inherited) {
		String host = either(own.getHost(), inherited.getHost());
		Integer port = either(own.getPort(), inherited.getPort());
		String username = either(own.getUsername(), inherited.getUsername());
		String password = either(own.getPassword(), inherited.getPassword());
		List<String> nonProxyHosts = either(own.getNonProxyHosts(), inherited.getNonProxyHosts());
		Boolean useSystemProperties = either(own.getUseSystemProperties(), inherited.getUseSystemProperties());
		ServiceProperties.ProxyType type = either(own.getType(), inherited.getType());
		if (host == null && port == null && username == null && password == null && nonProxyHosts == null
				&& useSystemProperties == null && type == null) {
			return null;
		}
		ProxySettings.Type resolved = (host != null)
				? (type == ServiceProperties.ProxyType.SOCKS5) ? ProxySettings.Type.SOCKS5 : ProxySettings.Type.HTTP
				: Boolean.FALSE.equals(useSystemProperties) ? ProxySettings.Type.DIRECT
						: TransportSettings.defaults().proxy().type();
		return new ProxySettings(resolved, host, (port != null) ? port : 0, username, password,
				(nonProxyHosts != null) ? nonProxyHosts : List.of());
	}

	private static PollingPolicy polling(ServiceProperties.Polling own, ServiceProperties.Polling inherited) {
		PollingPolicy defaults = PollingPolicy.DEFAULT;
		return nested("polling",
				() -> new PollingPolicy(
						value(own::getInitialInterval, inherited::getInitialInterval, defaults.initialInterval()),
						value(own::getMaxInterval, inherited::getMaxInterval, defaults.maxInterval()),
						value(own::getTimeout, inherited::getTimeout, defaults.timeout()),
						value(own::getLearning, inherited::getLearning, defaults.learning())));
	}

	private static ResultRetryPolicy resultRetry(ServiceProperties.ResultRetry own,
			ServiceProperties.ResultRetry inherited) {
		ResultRetryPolicy defaults = ResultRetryPolicy.DEFAULT;
		return nested("resultRetry",
				() -> new ResultRetryPolicy(
						value(own::getMaxAttempts, inherited::getMaxAttempts, defaults.maxAttempts()),
						value(own::getInitialBackoff, inherited::getInitialBackoff, defaults.initialBackoff()),
						value(own::getMultiplier, inherited::getMultiplier, defaults.multiplier()),
						value(own::getMaxBackoff, inherited::getMaxBackoff, defaults.maxBackoff())));
	}

	/**
	 * The service's own value, else the inherited one, else the client's default.
	 * @param <T> the type of the value
	 * @param own supplies the service's own value, {@code null} when not set
	 * @param inherited supplies the inherited value, {@code null} when not set
	 * @param fallback the client's default
	 * @return the first value that is set
	 */
	private static <T> T value(Supplier<@Nullable T> own, Supplier<@Nullable T> inherited, T fallback) {
		return PropertyMapper.get().from(own).orFrom(inherited).to(fallback, (unset, value) -> value);
	}

	private static <T> @Nullable T either(@Nullable T own, @Nullable T inherited) {
		return (own != null) ? own : inherited;
	}

	private static <T> T nested(String parent, Supplier<T> policy) {
		try {
			return policy.get();
		}
		catch (InvalidSettingException ex) {
			throw ex.under(parent);
		}
	}

	/**
	 * The bundle the service names, else the one it inherits, else Spring Boot's;
	 * {@code null} for none.
	 * @param own the service's own SSL properties
	 * @param inherited the SSL properties it inherits an unset bundle name from
	 * @return the SSL bundle, or {@code null} for none
	 */
	private @Nullable SslBundle sslBundle(ServiceProperties.Ssl own, ServiceProperties.Ssl inherited) {
		String name = either(own.getBundle(), inherited.getBundle());
		return (name != null) ? sslBundle(name) : this.httpClientSettings.sslBundle();
	}

	private SslBundle sslBundle(String name) {
		SslBundles bundles = this.sslBundles.get();
		if (bundles == null) {
			throw new InvalidSettingException("ssl.bundle", "needs Spring Boot's SSL bundles (spring.ssl.bundle.*), "
					+ "but the application has no SslBundles bean", name);
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidSettingException("ssl.bundle", "must name an SSL bundle configured under "
					+ "spring.ssl.bundle (known: " + String.join(", ", bundles.getBundleNames()) + ")", name);
		}
	}

	/**
	 * The TLS of an SSL bundle, as Spring Boot applies one to its own Reactor Netty
	 * clients.
	 * @param bundle the SSL bundle
	 * @return the bundle's key and trust managers, protocols and ciphers as the client's
	 * TLS settings
	 */
	private static TlsSettings tls(SslBundle bundle) {
		SslManagerBundle managers = bundle.getManagers();
		SslOptions options = bundle.getOptions();
		return new TlsSettings(managers.getKeyManagerFactory(), managers.getTrustManagerFactory(),
				SslOptions.asSet(options.getEnabledProtocols()), SslOptions.asSet(options.getCiphers()));
	}

}
