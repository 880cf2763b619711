package io.qhub.test.gateway;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform's data-pool grant endpoint as the local gateway plays it: issues a
 * JWT-shaped token (unsigned for any real purpose) whose payload carries {@code exp},
 * {@code datapoolId}, {@code applicationId} and {@code permission}.
 */
final class GrantIssuer {

	private final SecureRandom random = new SecureRandom();

	private final Duration timeToLive;

	private final Clock clock;

	GrantIssuer(Duration timeToLive, Clock clock) {
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	String issue(Object datapoolId, Object applicationId, Object permission) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("sub", String.valueOf(applicationId));
		payload.put("datapoolId", String.valueOf(datapoolId));
		payload.put("applicationId", String.valueOf(applicationId));
		payload.put("permission", String.valueOf(permission));
		long now = this.clock.instant().getEpochSecond();
		payload.put("iat", now);
		payload.put("exp", now + this.timeToLive.toSeconds());
		byte[] signature = new byte[32];
		this.random.nextBytes(signature);
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(WireJson.write(payload)) + "." + encoder.encodeToString(signature);
	}

}
