package io.qhub.service.client.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Warns when credentials would travel over plain {@code http} to a host other than this machine's loopback (a
 * local gateway on {@code localhost} is fine; anything else should be {@code https}).
 */
public final class InsecureEndpointWarning {

	private static final Log logger = LogFactory.getLog(InsecureEndpointWarning.class);

	private InsecureEndpointWarning() {
	}

	/**
	 * Logs a warning at WARN when the URL is plain http to a non-loopback host.
	 * @param url the endpoint
	 * @param role what it is, e.g. {@code "service endpoint"}
	 * @return {@code true} when a warning was logged
	 */
	public static boolean check(String url, String role) {
		URI uri = URI.create(url);
		if (!"http".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT)) || isLoopback(uri.getHost())) {
			return false;
		}
		logger.warn("The " + role + " " + url + " uses plain http to a non-loopback host: credentials and data "
				+ "travel unencrypted; use https");
		return true;
	}

	static boolean isLoopback(String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.equals("localhost") || name.endsWith(".localhost")) {
			return true;
		}
		if (!name.matches("[0-9.]+") && !name.contains(":") && !name.startsWith("[")) {
			return false;
		}
		try {
			return InetAddress.getByName(name).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
