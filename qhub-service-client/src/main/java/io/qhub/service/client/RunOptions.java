package io.qhub.service.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.qhub.service.datapool.DataPoolGrant;

/**
 * What {@code run} adds to a request besides its own parameters: secrets (under the
 * reserved key {@code $secrets}) and tags ({@code $tags}), each added only when the
 * request does not already hold that key (the caller's own value wins), and data-pool
 * grants, whose references replace any value at their key. Secrets and tags are distinct
 * types, so one can never be passed for the other. Unless switched off here
 * ({@link #withSubmissionKey(boolean)}) or on the client
 * ({@code HubServiceClientBuilder.submissionKeys(false)}), each start also carries a
 * client-generated submission key as one more tag ({@value #SUBMISSION_KEY_TAG_PREFIX}
 * followed by a random UUID): when the answer to {@code POST /} is lost after the request
 * was sent, the client finds the execution by that tag instead of failing, and never
 * starts a second one. Immutable; {@link #toString()} shows secret names, never their
 * values.
 *
 * <pre>{@code
 * RunOptions options = RunOptions.none().withSecrets(Map.of("ibmToken", token)).withTags("nightly", "v2");
 * }</pre>
 *
 * @param secrets secret values by parameter name, sent as {@code $secrets}
 * @param tags tags attached to the execution, sent as {@code $tags}
 * @param grants data-pool grants to acquire and put into the request
 * @param submissionKey whether the start carries a submission key (when the client's
 * {@code submissionKeys} setting is on, the default)
 */
public record RunOptions(Map<String, String> secrets, List<String> tags, List<DataPoolGrant> grants,
		boolean submissionKey) {

	/**
	 * What a submission key's tag starts with; a random UUID follows, e.g.
	 * {@code qhub-submission-key:0b1e...}.
	 */
	public static final String SUBMISSION_KEY_TAG_PREFIX = "qhub-submission-key:";

	private static final RunOptions NONE = new RunOptions(Map.of(), List.of(), List.of(), true);

	/**
	 * Options with a submission key (when the client sends them).
	 * @param secrets secret values by parameter name
	 * @param tags tags
	 * @param grants data-pool grants
	 */
	public RunOptions(Map<String, String> secrets, List<String> tags, List<DataPoolGrant> grants) {
		this(secrets, tags, grants, true);
	}

	/**
	 * Options without grants.
	 * @param secrets secret values by parameter name
	 * @param tags tags
	 */
	public RunOptions(Map<String, String> secrets, List<String> tags) {
		this(secrets, tags, List.of(), true);
	}

	/**
	 * Copies the collections, keeping order, and rejects null names, values, tags and
	 * grants.
	 */
	public RunOptions {
		grants = List.copyOf(Objects.requireNonNull(grants, "grants"));
		secrets = java.util.Collections
			.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(secrets, "secrets")));
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
		return new RunOptions(secrets, this.tags, this.grants, this.submissionKey);
	}

	/**
	 * A copy with these tags.
	 * @param tags the tags
	 * @return the new options
	 */
	public RunOptions withTags(List<String> tags) {
		return new RunOptions(this.secrets, tags, this.grants, this.submissionKey);
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
	 * A copy with these data-pool grants: for each, a short-lived JWT is acquired from
	 * the platform and a {@code DataPoolReference} is put under the grant's name,
	 * replacing any value the request has there.
	 * @param grants the grants
	 * @return the new options
	 */
	public RunOptions withGrants(List<DataPoolGrant> grants) {
		return new RunOptions(this.secrets, this.tags, grants, this.submissionKey);
	}

	/**
	 * A copy with these data-pool grants.
	 * @param grants the grants
	 * @return the new options
	 */
	public RunOptions withGrants(DataPoolGrant... grants) {
		return withGrants(Arrays.asList(grants));
	}

	/**
	 * A copy that sends a submission key with the start, or not: without one, a start
	 * whose answer is lost fails as it did before (the execution may or may not exist),
	 * and nothing is added to the tags. A client whose {@code submissionKeys} setting is
	 * off sends none either way.
	 * @param submissionKey whether to send one
	 * @return the new options
	 */
	public RunOptions withSubmissionKey(boolean submissionKey) {
		return new RunOptions(this.secrets, this.tags, this.grants, submissionKey);
	}

	/**
	 * The request body to send: a copy of the request with {@code $tags} and
	 * {@code $secrets} added where the request does not hold them. The request itself is
	 * never changed.
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

	/**
	 * The body with a submission key's tag added to its {@code $tags}: to the tags the
	 * options added or the caller's own list (copied, never changed); a {@code $tags}
	 * that is not a list gets none.
	 * @param body the body to send, changed in place
	 * @param key the submission key
	 * @return whether the key was added
	 */
	static boolean addSubmissionKey(Map<String, Object> body, String key) {
		Object tags = body.get("$tags");
		if (tags != null && !(tags instanceof List<?>)) {
			return false;
		}
		List<Object> keyed = (tags != null) ? new ArrayList<>((List<?>) tags) : new ArrayList<>();
		keyed.add(SUBMISSION_KEY_TAG_PREFIX + key);
		body.put("$tags", keyed);
		return true;
	}

	@Override
	public String toString() {
		return "RunOptions[secrets=" + this.secrets.keySet() + ", tags=" + this.tags + ", grants="
				+ this.grants.stream().map(DataPoolGrant::name).toList()
				+ (this.submissionKey ? "" : ", submissionKey=false") + "]";
	}

}
