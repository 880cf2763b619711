package io.qhub.service.core.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import io.qhub.service.core.InvalidSettingException;

import org.springframework.web.util.UriUtils;

/**
 * An endpoint URL (service, token or platform) and the URLs below it. Accepted with or
 * without a trailing slash. User-info ({@code user:password@}) is never sent (the client
 * authenticates with its own credentials) and is printed as {@code ***@}. Path values
 * (execution ids, file names) are percent-encoded as one segment each, so a {@code /} or
 * a {@code ..} in a value can never change the path.
 */
final class Endpoint {

	private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#@]*@|^[^/?#@]*@");

	private final URI base;

	private final String text;

	private final String printable;

	private final boolean hadUserInfo;

	private Endpoint(URI base, boolean hadUserInfo) {
		this.base = base;
		this.text = base.toString();
		this.hadUserInfo = hadUserInfo;
		this.printable = hadUserInfo ? this.text.replaceFirst("//", "//***@") : this.text;
	}

	/**
	 * Validates and normalises an endpoint URL.
	 * @param url an absolute {@code http} or {@code https} URL with a host, without query
	 * or fragment
	 * @param setting the setting it was given as, for the error
	 * @return the endpoint
	 * @throws InvalidSettingException naming the setting, with the value's user-info
	 * masked
	 */
	static Endpoint parse(String url, String setting) {
		if (url == null || url.isBlank()) {
			throw new InvalidSettingException(setting, "must be set to an absolute http(s) URL", null);
		}
		String trimmed = url.strip();
		URI uri;
		try {
			uri = new URI(trimmed);
		}
		catch (URISyntaxException ex) {
			throw invalid(setting, trimmed);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new InvalidSettingException(setting, "must be an http or https URL", mask(trimmed));
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw invalid(setting, trimmed);
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new InvalidSettingException(setting, "must not have a query or fragment", mask(trimmed));
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath().replaceAll("/+$", "") : "";
		try {
			URI base = new URI(scheme + "://" + uri.getRawAuthority().replaceFirst("^[^@]*@", "") + path);
			return new Endpoint(base, uri.getRawUserInfo() != null);
		}
		catch (URISyntaxException ex) {
			throw invalid(setting, trimmed);
		}
	}

	private static InvalidSettingException invalid(String setting, String value) {
		return new InvalidSettingException(setting, "must be a valid absolute http(s) URL with a host", mask(value));
	}

	/**
	 * A URL with any user-info replaced by {@code ***}, for messages and logs.
	 * @param url the URL as given
	 * @return the printable URL
	 */
	static String mask(String url) {
		return USER_INFO.matcher(url).replaceFirst("***@");
	}

	/**
	 * The URL of a path below the endpoint: {@code template} with each {@code {name}}
	 * replaced, in order, by the next value encoded as exactly one path segment (a
	 * {@code .} or {@code ..} value too).
	 * @param template the path template, e.g. {@code "/{id}/result/{file}"}; {@code "/"}
	 * for the endpoint itself
	 * @param values the values
	 * @return the URL
	 */
	URI resolve(String template, String... values) {
		StringBuilder url = new StringBuilder(this.text);
		int value = 0;
		int at = 0;
		while (at < template.length()) {
			char c = template.charAt(at);
			if (c == '{') {
				int end = template.indexOf('}', at);
				url.append(encodeSegment(values[value++]));
				at = end + 1;
			}
			else {
				url.append(c);
				at++;
			}
		}
		return URI.create(url.toString());
	}

	/**
	 * Percent-encodes one path segment; also encodes the dot segments {@code .} and
	 * {@code ..}, which would otherwise be removed or resolved by servers.
	 * @param segment the raw value
	 * @return the encoded segment
	 */
	static String encodeSegment(String segment) {
		String encoded = UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8);
		return (encoded.equals(".") || encoded.equals("..")) ? encoded.replace(".", "%2E") : encoded;
	}

	/**
	 * Another path on this endpoint's host.
	 * @param path an absolute path, e.g. {@code /token}
	 * @return the endpoint {@code scheme://authority/path}
	 */
	Endpoint sibling(String path) {
		return new Endpoint(URI.create(this.base.getScheme() + "://" + this.base.getRawAuthority() + path), false);
	}

	/**
	 * The endpoint's origin ({@code scheme://host:port}), where its credentials may go.
	 * @return the origin
	 */
	String origin() {
		return origin(this.base);
	}

	static String origin(URI uri) {
		String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
		int port = (uri.getPort() != -1) ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
		return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
	}

	/**
	 * The endpoint's path without leading and trailing slashes, e.g.
	 * {@code acme/qft-simulator/1.0.0}.
	 * @return the path, or the host when the path is empty
	 */
	String path() {
		String path = this.base.getPath().replaceAll("^/+", "");
		return path.isEmpty() ? host() : path;
	}

	String host() {
		return this.base.getHost();
	}

	boolean isHttps() {
		return "https".equals(this.base.getScheme());
	}

	/**
	 * Whether the URL as given held user-info (which is never sent).
	 * @return {@code true} when it did
	 */
	boolean hadUserInfo() {
		return this.hadUserInfo;
	}

	/**
	 * The endpoint as sent: without user-info and trailing slash.
	 * @return the URL
	 */
	String url() {
		return this.text;
	}

	/** The endpoint as printed: user-info (if it had any) masked. */
	@Override
	public String toString() {
		return this.printable;
	}

}
