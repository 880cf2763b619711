package io.qhub.service.datapool;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JWT's {@code exp} claim from its payload, without checking the signature (the
 * platform does that).
 */
final class JwtExpiry {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final TypeReference<Map<String, @Nullable Object>> OBJECT = new TypeReference<>() {
	};

	private JwtExpiry() {
	}

	/**
	 * The expiry of a JWT.
	 * @param jwt the token
	 * @return its {@code exp}, or {@code null} when it has none or is not a readable JWT
	 * (exactly three dot-separated parts, the signature possibly empty)
	 */
	static @Nullable Instant of(String jwt) {
		String[] parts = jwt.split("\\.", -1);
		if (parts.length != 3) {
			return null;
		}
		try {
			byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
			Object exp = MAPPER.readValue(new String(payload, StandardCharsets.UTF_8), OBJECT).get("exp");
			return (exp instanceof Number seconds) ? Instant.ofEpochSecond(seconds.longValue()) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
