package io.qhub.service.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Warns when credentials would travel over plain {@code http} to a host other than this
 * machine's loopback (a local gateway on {@code localhost} is fine; anything else should
 * be {@code https}), and when an endpoint was written with user-info, which the client
 * never sends. Endpoints are printed with user-info masked.
 */
final class InsecureEndpointWarning {

	private static final Log logger = LogFactory.getLog(InsecureEndpointWarning.class);

	private InsecureEndpointWarning() {
	}

	/**
	 * Logs at WARN what is wrong with how an endpoint is written, if anything.
	 * @param endpoint the endpoint
	 * @param role what it is, e.g. {@code "service endpoint"}
	 * @return {@code true} when a plain-http warning was logged
	 */
	static boolean check(Endpoint endpoint, String role) {
		if (endpoint.hadUserInfo()) {
			logger.warn("The " + role + " " + endpoint + " holds user-info, which is never sent: the client "
					+ "authenticates with its own credentials");
		}
		if (endpoint.isHttps() || isLoopback(endpoint.host())) {
			return false;
		}
		logger.warn("The " + role + " " + endpoint + " uses plain http to a non-loopback host: credentials and "
				+ "data travel unencrypted; use https");
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
