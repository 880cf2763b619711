package io.qhub.service.client.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Every secret the clients of this JVM know right now (secret access keys and their Basic header, API keys, current
 * and previous tokens, grant JWTs, the {@code $secrets} values of requests in flight), so that whatever a server
 * sends back can be shown without them: {@link #redact(String)} replaces each, also URL-encoded, JSON-escaped or
 * Base64-encoded, with {@value #REDACTED}. Secrets are registered while they are in use and released after; a
 * value registered twice stays until released twice. Internal: not exported by the module.
 */
public final class Secrets {

	/** What a secret is replaced with. */
	public static final String REDACTED = "<redacted>";

	/** Shorter values are not redacted: they would blank out ordinary words. */
	private static final int MIN_LENGTH = 3;

	private static final Map<String, AtomicInteger> KNOWN = new ConcurrentHashMap<>();

	private Secrets() {
	}

	/**
	 * Registers a secret until the returned handle is released.
	 * @param value the secret; blank or very short values are ignored
	 * @return the handle
	 */
	public static Registration register(@Nullable String value) {
		if (value == null || value.strip().length() < MIN_LENGTH) {
			return Registration.NONE;
		}
		List<String> forms = forms(value);
		forms.forEach((form) -> KNOWN.computeIfAbsent(form, (key) -> new AtomicInteger()).incrementAndGet());
		return new Registration(forms);
	}

	/**
	 * Registers a key pair: the secret, and the {@code Basic} credentials built from it (the id alone is not
	 * secret).
	 * @param id the access key id
	 * @param secret the secret access key
	 * @return the handle
	 */
	public static Registration registerKeyPair(String id, String secret) {
		String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
		Registration secretRegistration = register(secret);
		Registration basicRegistration = register(basic);
		return new Registration(List.of()) {

			@Override
			public void release() {
				secretRegistration.release();
				basicRegistration.release();
			}

		};
	}

	/**
	 * The text with every known secret replaced by {@value #REDACTED}, longest first (so a secret containing another
	 * is replaced whole).
	 * @param text any text: a response body, an exception message
	 * @return the redacted text
	 */
	public static String redact(@Nullable String text) {
		if (text == null || text.isEmpty() || KNOWN.isEmpty()) {
			return (text != null) ? text : "";
		}
		String result = text;
		for (String secret : KNOWN.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
			.toList()) {
			if (result.contains(secret)) {
				result = result.replace(secret, REDACTED);
			}
		}
		return result;
	}

	private static List<String> forms(String value) {
		String urlEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
		String percentEncoded = urlEncoded.replace("+", "%20");
		String jsonEscaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
		return List.of(value, urlEncoded, percentEncoded, jsonEscaped, value.replace("\\", "\\\\").replace("\"", "\\\""))
			.stream()
			.distinct()
			.toList();
	}

	/** A registered secret; {@link #release()} forgets it (once). */
	public static class Registration {

		static final Registration NONE = new Registration(List.of());

		private final List<String> forms;

		private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

		Registration(List<String> forms) {
			this.forms = forms;
		}

		/** Forgets the secret, unless it is registered elsewhere too. Idempotent. */
		public void release() {
			if (!this.released.compareAndSet(false, true)) {
				return;
			}
			for (String form : this.forms) {
				KNOWN.computeIfPresent(form, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
			}
		}

		@Override
		public String toString() {
			return "Secrets.Registration";
		}

	}

}
