package io.qhub.service.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Every secret the clients of this JVM know right now (secret access keys, proxy
 * passwords and the Basic headers built from them, API keys, current and previous tokens,
 * grant JWTs, the {@code $secrets} values of requests in flight), so that whatever a
 * server or a proxy sends back can be shown without them: {@link #redact(String)}
 * replaces each, in every form it is sent or could be echoed in (raw, URL-encoded,
 * JSON-escaped, Base64 with and without padding and in the URL-safe alphabet; for a user
 * and password also {@code user:password} in Base64, as a Basic header carries it), with
 * {@value #REDACTED}; {@link #scrub(Throwable)} does the same for a chain of exceptions.
 * Secrets are registered while they are in use and released after; a value registered
 * twice stays until released twice. Every {@link HubClientException} redacts its message
 * and scrubs its cause here, where it is made. The client registers its own secrets; an
 * application may register a value of its own (and release it) to keep it out of the
 * client's exceptions too.
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
		return registerForms(forms(value));
	}

	private static Registration registerForms(List<String> forms) {
		forms.forEach((form) -> KNOWN.computeIfAbsent(form, (key) -> new AtomicInteger()).incrementAndGet());
		return new Registration(forms);
	}

	/**
	 * Registers a user and password sent together (a key pair as OAuth2 client
	 * credentials, a proxy login): the password, and {@code user:password} in the forms a
	 * Basic header or a URL carries it (Base64 of it, raw and with both halves
	 * URL-encoded); the user alone is not secret.
	 * @param user the user (access key id, proxy user)
	 * @param password the password (secret access key, proxy password)
	 * @return the handle
	 */
	public static Registration registerCredentials(String user, String password) {
		Registration passwordRegistration = register(password);
		if (password.strip().length() < MIN_LENGTH) {
			return passwordRegistration;
		}
		List<String> forms = new ArrayList<>();
		forms.addAll(base64(user + ":" + password));
		forms.addAll(base64(URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(password, StandardCharsets.UTF_8)));
		Registration pairRegistration = registerForms(forms.stream().distinct().toList());
		return new Registration(List.of()) {

			@Override
			public void release() {
				passwordRegistration.release();
				pairRegistration.release();
			}

		};
	}

	/**
	 * The text with every known secret replaced by {@value #REDACTED}, longest first (so
	 * a secret containing another is replaced whole).
	 * @param text any text: a response body, an exception message
	 * @return the redacted text
	 */
	public static String redact(@Nullable String text) {
		if (text == null || text.isEmpty() || KNOWN.isEmpty()) {
			return (text != null) ? text : "";
		}
		String result = text;
		for (String secret : KNOWN.keySet()
			.stream()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList()) {
			if (result.contains(secret)) {
				result = result.replace(secret, REDACTED);
			}
		}
		return result;
	}

	/**
	 * An exception chain that shows no known secret: the exception itself when no message
	 * in its chain (causes and suppressed exceptions included) holds one; otherwise a
	 * copy of the chain in which each exception whose message holds one is replaced by a
	 * {@link RedactedException} carrying its type, its redacted message and its stack
	 * trace (a library's exception cannot be changed, so it is not kept).
	 * @param failure the exception, or {@code null}
	 * @return an exception chain without secrets, or {@code null}
	 */
	public static @Nullable Throwable scrub(@Nullable Throwable failure) {
		if (failure == null || KNOWN.isEmpty() || isClean(failure, new IdentityHashMap<>())) {
			return failure;
		}
		return copy(failure, new IdentityHashMap<>());
	}

	private static boolean isClean(Throwable failure, IdentityHashMap<Throwable, Boolean> seen) {
		if (seen.put(failure, Boolean.TRUE) != null) {
			return true;
		}
		String message = failure.getMessage();
		if (message != null && !redact(message).equals(message)) {
			return false;
		}
		for (Throwable suppressed : failure.getSuppressed()) {
			if (!isClean(suppressed, seen)) {
				return false;
			}
		}
		return failure.getCause() == null || isClean(failure.getCause(), seen);
	}

	private static Throwable copy(Throwable failure, IdentityHashMap<Throwable, Throwable> copies) {
		Throwable done = copies.get(failure);
		if (done != null) {
			return done;
		}
		RedactedException copy = new RedactedException(failure);
		copies.put(failure, copy);
		if (failure.getCause() != null) {
			copy.initCause(copy(failure.getCause(), copies));
		}
		for (Throwable suppressed : failure.getSuppressed()) {
			copy.addSuppressed(copy(suppressed, copies));
		}
		return copy;
	}

	private static List<String> forms(String value) {
		String urlEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
		String percentEncoded = urlEncoded.replace("+", "%20");
		String jsonEscaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
		List<String> forms = new ArrayList<>(List.of(value, urlEncoded, percentEncoded, jsonEscaped,
				value.replace("\\", "\\\\").replace("\"", "\\\"")));
		forms.addAll(base64(value));
		return forms.stream().distinct().toList();
	}

	/**
	 * The Base64 forms of a value: standard and URL-safe alphabet, with and without
	 * padding.
	 * @param value a secret, encoded as UTF-8
	 * @return the four encodings, the padded and unpadded ones equal when no padding is
	 * needed
	 */
	private static List<String> base64(String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		String standard = Base64.getEncoder().encodeToString(bytes);
		String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);
		return List.of(standard, stripPadding(standard), urlSafe, stripPadding(urlSafe));
	}

	private static String stripPadding(String base64) {
		int end = base64.length();
		while (end > 0 && base64.charAt(end - 1) == '=') {
			end--;
		}
		return base64.substring(0, end);
	}

	/**
	 * Stands in for an exception whose message held a secret: its type and its message
	 * with the secrets redacted, with its stack trace, in place of the original, which is
	 * dropped.
	 */
	public static final class RedactedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final String originalType;

		RedactedException(Throwable original) {
			super(original.getClass().getName()
					+ ((original.getMessage() != null) ? ": " + redact(original.getMessage()) : ""));
			this.originalType = original.getClass().getName();
			setStackTrace(original.getStackTrace());
		}

		/**
		 * The class name of the exception this one stands in for.
		 * @return the class name
		 */
		public String originalType() {
			return this.originalType;
		}

	}

	/** A registered secret; {@link #release()} forgets it (once). */
	public static class Registration {

		/** A registration of nothing, to release harmlessly. */
		public static final Registration NONE = new Registration(List.of());

		private final List<String> forms;

		private final AtomicBoolean released = new AtomicBoolean();

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
