package io.qhub.test.gateway;

import java.util.List;
import java.util.Map;

/**
 * A request a {@link LocalHubGateway} received. Credentials are redacted: the
 * {@code Authorization} and {@code X-Auth-Token} header values read {@code <redacted>},
 * and so does the body of a token request.
 *
 * @param operation the operation it matched
 * @param method the HTTP method
 * @param path the raw (still percent-encoded) path
 * @param headers the headers, names in lower case
 * @param body the body as UTF-8 text, empty when none
 */
public record RecordedRequest(GatewayOperation operation, String method, String path, Map<String, List<String>> headers,
		String body) {

	/**
	 * The first value of a header.
	 * @param name the header name, any case
	 * @return the value, or {@code null}
	 */
	public @org.jspecify.annotations.Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
