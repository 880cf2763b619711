package io.qhub.test.gateway;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The local gateway's OAuth2 client-credentials endpoint and token check: key pairs are
 * configured up front, tokens are random strings that expire after the configured time to
 * live.
 */
final class TokenIssuer {

	private final SecureRandom random = new SecureRandom();

	private final Map<String, String> keyPairs;

	private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

	private final java.util.Set<String> issued = ConcurrentHashMap.newKeySet();

	private final Duration timeToLive;

	private final Clock clock;

	TokenIssuer(Map<String, String> keyPairs, Duration timeToLive, Clock clock) {
		this.keyPairs = Map.copyOf(keyPairs);
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/**
	 * Checks a client's credentials and issues a token.
	 * @param clientId the access key id, or {@code null}
	 * @param clientSecret the secret, or {@code null}
	 * @return the token, or {@code null} when the credentials are wrong
	 */
	@Nullable String issue(@Nullable String clientId, @Nullable String clientSecret) {
		if (clientId == null || clientSecret == null || !clientSecret.equals(this.keyPairs.get(clientId))) {
			return null;
		}
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.tokens.put(token, this.clock.instant().plus(this.timeToLive));
		this.issued.add(token);
		return token;
	}

	long expiresInSeconds() {
		return this.timeToLive.toSeconds();
	}

	boolean isValid(@Nullable String token) {
		if (token == null) {
			return false;
		}
		Instant expiry = this.tokens.get(token);
		return expiry != null && this.clock.instant().isBefore(expiry);
	}

	java.util.Set<String> issued() {
		return java.util.Set.copyOf(this.issued);
	}

	void revokeAll() {
		this.tokens.clear();
	}

	/**
	 * Reads HTTP Basic credentials without URL-decoding them (as the official SDK sends
	 * them).
	 * @param authorization the header value
	 * @return id and secret, or {@code null}
	 */
	static String @Nullable [] basicCredentials(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon < 0) ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
