package io.qhub.service.client.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.web.util.UriUtils;

/**
 * A service endpoint and the URLs of its operations. The endpoint is accepted with or without a trailing slash.
 * Path values (execution ids, file names) are percent-encoded as one segment each, so a {@code /} or a
 * {@code ..} in a value can never change the path.
 */
public final class GatewayEndpoint {

	private final String base;

	private final URI baseUri;

	private GatewayEndpoint(String base) {
		this.base = base;
		this.baseUri = URI.create(base);
	}

	/**
	 * Validates and normalises an endpoint URL.
	 * @param endpoint the URL, {@code http} or {@code https}, with a host
	 * @param argumentName the name to use in error messages (e.g. {@code serviceEndpoint})
	 * @return the endpoint
	 * @throws IllegalArgumentException naming the argument when the URL is blank or malformed
	 */
	public static GatewayEndpoint of(String endpoint, String argumentName) {
		return new GatewayEndpoint(validate(endpoint, argumentName));
	}

	/**
	 * Checks that a URL is an absolute {@code http(s)} URL with a host and no query or fragment, and removes
	 * trailing slashes.
	 * @param url the URL
	 * @param argumentName the name to use in error messages
	 * @return the URL without trailing slashes
	 */
	public static String validate(String url, String argumentName) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException(argumentName + " must not be blank");
		}
		String trimmed = url.strip();
		URI uri;
		try {
			uri = new URI(trimmed);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(argumentName + " is not a valid URL: '" + trimmed + "' ("
					+ ex.getReason() + ")", ex);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException(argumentName + " must be an http or https URL, was '" + trimmed + "'");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new IllegalArgumentException(argumentName + " must name a host, was '" + trimmed + "'");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException(argumentName + " must not have a query or fragment, was '"
					+ trimmed + "'");
		}
		String normalised = trimmed;
		while (normalised.endsWith("/")) {
			normalised = normalised.substring(0, normalised.length() - 1);
		}
		return normalised;
	}

	/**
	 * The endpoint's collection URL, {@code <endpoint>/}, used to list and start executions.
	 * @return the URL with a trailing slash, as the official SDK sends it
	 */
	public URI root() {
		return URI.create(this.base + "/");
	}

	/**
	 * The URL of a path below the endpoint, each value encoded as exactly one segment.
	 * @param segments the path segments, e.g. {@code id, "result", file}
	 * @return the URL
	 */
	public URI resolve(String... segments) {
		StringBuilder url = new StringBuilder(this.base);
		for (String segment : segments) {
			url.append('/').append(encodeSegment(segment));
		}
		return URI.create(url.toString());
	}

	/**
	 * The endpoint's path without leading and trailing slashes, e.g. {@code acme/qft-simulator/1.0.0}.
	 * @return the path, or the host when the path is empty
	 */
	public String path() {
		String path = (this.baseUri.getPath() != null) ? this.baseUri.getPath() : "";
		String trimmed = path.replaceAll("^/+", "");
		return trimmed.isEmpty() ? host() : trimmed;
	}

	/**
	 * The endpoint's host, for checks that credentials go only where they belong.
	 * @return the host
	 */
	public String host() {
		return this.baseUri.getHost();
	}

	/**
	 * Percent-encodes one path segment; also encodes the dot segments {@code .} and {@code ..}, which would
	 * otherwise be removed or resolved by servers.
	 * @param segment the raw value
	 * @return the encoded segment
	 */
	static String encodeSegment(String segment) {
		String encoded = UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8);
		if (encoded.equals(".") || encoded.equals("..")) {
			return encoded.replace(".", "%2E");
		}
		return encoded;
	}

	@Override
	public String toString() {
		return this.base;
	}

}
