package io.qhub.service.client;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code run} adds to a request besides its own parameters: secrets (under the reserved key
 * {@code $secrets}) and tags ({@code $tags}). Each is added only when the request does not already hold that key:
 * the caller's own value wins. Secrets and tags are distinct types, so one can never be passed for the other.
 * Immutable; {@link #toString()} shows secret names, never their values.
 *
 * <pre>{@code
 * RunOptions options = RunOptions.none().withSecrets(Map.of("ibmToken", token)).withTags("nightly", "v2");
 * }</pre>
 *
 * @param secrets secret values by parameter name, sent as {@code $secrets}
 * @param tags tags attached to the execution, sent as {@code $tags}
 */
public record RunOptions(Map<String, String> secrets, List<String> tags) {

	private static final RunOptions NONE = new RunOptions(Map.of(), List.of());

	/** Copies the collections, keeping order, and rejects null names, values and tags. */
	public RunOptions {
		secrets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(secrets, "secrets")));
		secrets.forEach((name, value) -> {
			Objects.requireNonNull(name, "secret names must not be null");
			Objects.requireNonNull(value, () -> "secret '" + name + "' must not be null");
		});
		tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
	}

	/**
	 * No secrets, no tags.
	 * @return the empty options
	 */
	public static RunOptions none() {
		return NONE;
	}

	/**
	 * A copy with these secrets.
	 * @param secrets secret values by parameter name
	 * @return the new options
	 */
	public RunOptions withSecrets(Map<String, String> secrets) {
		return new RunOptions(secrets, this.tags);
	}

	/**
	 * A copy with these tags.
	 * @param tags the tags
	 * @return the new options
	 */
	public RunOptions withTags(List<String> tags) {
		return new RunOptions(this.secrets, tags);
	}

	/**
	 * A copy with these tags.
	 * @param tags the tags
	 * @return the new options
	 */
	public RunOptions withTags(String... tags) {
		return withTags(Arrays.asList(tags));
	}

	/**
	 * The request body to send: a copy of the request with {@code $tags} and {@code $secrets} added where the
	 * request does not hold them. The request itself is never changed.
	 * @param request the caller's request
	 * @return the body to send
	 */
	Map<String, Object> applyTo(Map<String, ?> request) {
		Map<String, Object> body = new LinkedHashMap<>(request);
		if (!this.tags.isEmpty()) {
			body.putIfAbsent("$tags", this.tags);
		}
		if (!this.secrets.isEmpty()) {
			body.putIfAbsent("$secrets", this.secrets);
		}
		return body;
	}

	@Override
	public String toString() {
		return "RunOptions[secrets=" + this.secrets.keySet() + ", tags=" + this.tags + "]";
	}

}
