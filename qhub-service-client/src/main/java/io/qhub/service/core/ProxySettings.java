package io.qhub.service.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * Which proxy the client's connections go through: gateway calls, token requests and
 * platform calls alike. Start from {@link #systemProperties()} (the default),
 * {@link #direct()}, {@link #http(String, int)} or {@link #socks5(String, int)}, then add
 * {@link #withCredentials(String, String) credentials} and
 * {@link #withNonProxyHosts(List) hosts to reach directly}.
 *
 * <p>
 * {@link Type#SYSTEM_PROPERTIES} reads the JVM's standard proxy properties when the
 * client is built, as {@code HttpURLConnection} would:
 * {@code https.proxyHost}/{@code https.proxyPort} (or, when those are unset,
 * {@code http.proxyHost}/{@code http.proxyPort}; with
 * {@code https.proxyUser}/{@code https.proxyPassword} or
 * {@code http.proxyUser}/{@code http.proxyPassword}), else
 * {@code socksProxyHost}/{@code socksProxyPort} (with
 * {@code java.net.socks.username}/{@code java.net.socks.password}), and
 * {@code http.nonProxyHosts} ({@code localhost|127.*|[::1]} when unset). One proxy serves
 * both schemes, as in Reactor Netty. With none of them set, connections are direct.
 *
 * <p>
 * The password is never printed ({@link #toString()}) and is redacted from every client
 * exception.
 *
 * @param type how the proxy is chosen
 * @param host the proxy's host ({@link Type#HTTP} and {@link Type#SOCKS5} only)
 * @param port the proxy's port, 1 to 65535 ({@link Type#HTTP} and {@link Type#SOCKS5}
 * only, else 0)
 * @param username the user to authenticate as, or {@code null}
 * @param password the password, or {@code null}
 * @param nonProxyHosts hosts reached directly: names or addresses, with {@code *} as a
 * wildcard at either end (e.g. {@code localhost}, {@code *.internal}, {@code 10.*})
 */
public record ProxySettings(Type type, @Nullable String host, int port, @Nullable String username,
		@Nullable String password, List<String> nonProxyHosts) {

	private static final ProxySettings SYSTEM_PROPERTIES = new ProxySettings(Type.SYSTEM_PROPERTIES, null, 0, null,
			null, List.of());

	private static final ProxySettings DIRECT = new ProxySettings(Type.DIRECT, null, 0, null, null, List.of());

	/** The JVM's default {@code http.nonProxyHosts}. */
	private static final String DEFAULT_NON_PROXY_HOSTS = "localhost|127.*|[::1]";

	/** Validates the values. */
	public ProxySettings {
		Settings.requireSet(type, "proxy.type");
		nonProxyHosts = List.copyOf(Settings.requireSet(nonProxyHosts, "proxy.nonProxyHosts"));
		if (type.isExplicit()) {
			if (host == null || host.isBlank()) {
				throw new InvalidSettingException("proxy.host",
						"must be set for a " + type.name().toLowerCase(Locale.ROOT) + " proxy", null);
			}
			if (port < 1 || port > 65535) {
				throw new InvalidSettingException("proxy.port", "must be between 1 and 65535", port);
			}
		}
		else {
			requireUnset("proxy.host", host != null, host);
			requireUnset("proxy.port", port != 0, port);
			requireUnset("proxy.username", username != null, username);
			requireUnset("proxy.password", password != null, null);
			requireUnset("proxy.nonProxyHosts", !nonProxyHosts.isEmpty(), nonProxyHosts);
		}
		if ((username == null) != (password == null)) {
			throw new InvalidSettingException((username != null) ? "proxy.password" : "proxy.username",
					"must be set together with " + ((username != null) ? "proxy.username" : "proxy.password"), null);
		}
		for (String pattern : nonProxyHosts) {
			if (pattern.isBlank() || pattern.indexOf('*', 1) > 0 && pattern.indexOf('*', 1) < pattern.length() - 1) {
				throw new InvalidSettingException("proxy.nonProxyHosts",
						"must list host names or addresses with '*' only at either end", pattern);
			}
		}
	}

	private static void requireUnset(String setting, boolean set, @Nullable Object shown) {
		if (set) {
			throw new InvalidSettingException(setting, "is only used with an http or socks5 proxy (and proxy.host)",
					shown);
		}
	}

	/**
	 * The JVM's standard proxy system properties, read when the client is built (the
	 * default).
	 * @return the settings
	 */
	public static ProxySettings systemProperties() {
		return SYSTEM_PROPERTIES;
	}

	/**
	 * No proxy, whatever the system properties say.
	 * @return the settings
	 */
	public static ProxySettings direct() {
		return DIRECT;
	}

	/**
	 * An HTTP proxy (reached with {@code CONNECT} for every target).
	 * @param host the proxy's host
	 * @param port the proxy's port
	 * @return the settings
	 */
	public static ProxySettings http(String host, int port) {
		return new ProxySettings(Type.HTTP, host, port, null, null, List.of());
	}

	/**
	 * A SOCKS 5 proxy.
	 * @param host the proxy's host
	 * @param port the proxy's port
	 * @return the settings
	 */
	public static ProxySettings socks5(String host, int port) {
		return new ProxySettings(Type.SOCKS5, host, port, null, null, List.of());
	}

	/**
	 * A copy authenticating to the proxy.
	 * @param username the user
	 * @param password the password (secret)
	 * @return the new settings
	 */
	public ProxySettings withCredentials(String username, String password) {
		return new ProxySettings(this.type, this.host, this.port, username, password, this.nonProxyHosts);
	}

	/**
	 * A copy that reaches these hosts directly.
	 * @param nonProxyHosts names or addresses, with {@code *} as a wildcard at either end
	 * @return the new settings
	 */
	public ProxySettings withNonProxyHosts(List<String> nonProxyHosts) {
		return new ProxySettings(this.type, this.host, this.port, this.username, this.password, nonProxyHosts);
	}

	/**
	 * The proxy to use: these settings, or for {@link Type#SYSTEM_PROPERTIES} the one the
	 * given JVM properties name ({@link #direct()} when they name none).
	 * @param system the JVM's system properties
	 * @return explicit settings ({@link Type#HTTP}, {@link Type#SOCKS5}) or
	 * {@link #direct()}
	 * @throws InvalidSettingException naming the system property when its value cannot be
	 * used
	 */
	public ProxySettings resolve(Properties system) {
		if (this.type != Type.SYSTEM_PROPERTIES) {
			return this;
		}
		String scheme = (system.getProperty("https.proxyHost") != null) ? "https"
				: (system.getProperty("http.proxyHost") != null) ? "http" : null;
		ProxySettings proxy;
		if (scheme != null) {
			proxy = http(system.getProperty(scheme + ".proxyHost"),
					port(system, scheme + ".proxyPort", scheme.equals("https") ? 443 : 80));
			proxy = credentials(proxy, system, scheme + ".proxyUser", scheme + ".proxyPassword");
		}
		else if (system.getProperty("socksProxyHost") != null) {
			if (!"5".equals(system.getProperty("socksProxyVersion", "5"))) {
				throw new InvalidSettingException("socksProxyVersion", "must be 5 (SOCKS 4 is not supported)",
						system.getProperty("socksProxyVersion"));
			}
			proxy = socks5(system.getProperty("socksProxyHost"), port(system, "socksProxyPort", 1080));
			proxy = credentials(proxy, system, "java.net.socks.username", "java.net.socks.password");
		}
		else {
			return DIRECT;
		}
		String nonProxyHosts = system.getProperty("http.nonProxyHosts", DEFAULT_NON_PROXY_HOSTS);
		return proxy.withNonProxyHosts(Arrays.stream(nonProxyHosts.split("\\|"))
			.map(String::strip)
			.filter((pattern) -> !pattern.isEmpty())
			.toList());
	}

	private static int port(Properties system, String property, int defaultPort) {
		String value = system.getProperty(property);
		if (value == null || value.isBlank()) {
			return defaultPort;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidSettingException(property, "must be a port number", value);
		}
	}

	private static ProxySettings credentials(ProxySettings proxy, Properties system, String userProperty,
			String passwordProperty) {
		String username = system.getProperty(userProperty);
		return (username != null) ? proxy.withCredentials(username, system.getProperty(passwordProperty, "")) : proxy;
	}

	@Override
	public String toString() {
		if (!this.type.isExplicit()) {
			return "ProxySettings[" + this.type + "]";
		}
		return "ProxySettings[" + this.type + " " + this.host + ":" + this.port
				+ ((this.username != null) ? ", username=" + this.username + ", password=******" : "")
				+ (this.nonProxyHosts.isEmpty() ? "" : ", nonProxyHosts=" + this.nonProxyHosts) + "]";
	}

	/** How the proxy is chosen. */
	public enum Type {

		/** From the JVM's standard proxy system properties, when the client is built. */
		SYSTEM_PROPERTIES,

		/** No proxy. */
		DIRECT,

		/** An HTTP proxy, tunnelling with {@code CONNECT}. */
		HTTP,

		/** A SOCKS 5 proxy. */
		SOCKS5;

		boolean isExplicit() {
			return this == HTTP || this == SOCKS5;
		}

	}

}
