package io.qhub.service.datapool;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JwtExpiry}: the {@code exp} claim from a JWT payload, or nothing when it cannot
 * be read.
 */
class JwtExpiryTests {

	private static String jwt(String payloadJson) {
		return b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(payloadJson) + ".c2lnbmF0dXJl";
	}

	private static String b64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void readsExpInEpochSeconds() {
		assertThat(JwtExpiry.of(jwt("{\"sub\":\"x\",\"exp\":1767225900}")))
			.isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
	}

	@Test
	void fractionalExpIsTruncatedToTheSecond() {
		assertThat(JwtExpiry.of(jwt("{\"exp\":1767225900.75}"))).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
	}

	@Test
	void paddedBase64UrlPayloadIsRead() {
		String payload = Base64.getUrlEncoder().encodeToString("{\"exp\":12}".getBytes(StandardCharsets.UTF_8));
		assertThat(payload).endsWith("=");

		assertThat(JwtExpiry.of(b64("{}") + "." + payload + ".sig")).isEqualTo(Instant.ofEpochSecond(12));
	}

	@Test
	void payloadNeedingUrlSafeAlphabetIsRead() {
		// "?>" and "~" encode to '_' and '-' in the URL-safe alphabet, which the plain
		// decoder rejects
		String token = jwt("{\"n\":\"??>>~~\",\"exp\":1767225900}");
		assertThat(token.split("\\.")[1]).containsAnyOf("_", "-");

		assertThat(JwtExpiry.of(token)).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
	}

	@Test
	void unsecuredJwtWithEmptySignatureIsRead() {
		assertThat(JwtExpiry.of(b64("{\"alg\":\"none\"}") + "." + b64("{\"exp\":1767225900}") + "."))
			.isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
	}

	@Test
	void withoutExpThereIsNoExpiry() {
		assertThat(JwtExpiry.of(jwt("{\"sub\":\"x\"}"))).isNull();
		assertThat(JwtExpiry.of(jwt("{\"exp\":null}"))).isNull();
	}

	@Test
	void nonNumericExpIsNoExpiry() {
		assertThat(JwtExpiry.of(jwt("{\"exp\":\"1767225900\"}"))).isNull();
		assertThat(JwtExpiry.of(jwt("{\"exp\":true}"))).isNull();
	}

	@Test
	void unreadableTokensHaveNoExpiry() {
		assertThat(JwtExpiry.of("")).isNull();
		assertThat(JwtExpiry.of("not-a-jwt")).isNull();
		assertThat(JwtExpiry.of("a.%%%.c")).isNull();
		assertThat(JwtExpiry.of(b64("{}") + "." + b64("not json") + ".sig")).isNull();
		assertThat(JwtExpiry.of(b64("{}") + "." + b64("[1,2]") + ".sig")).isNull();
		assertThat(JwtExpiry.of(b64("{}") + "." + b64("{\"exp\":1e300}") + ".sig")).isNull();
	}

	@Test
	void tokensWithoutExactlyThreePartsAreNotJwts() {
		String payload = b64("{\"exp\":1767225900}");

		assertThat(JwtExpiry.of(b64("{}") + "." + payload)).isNull();
		assertThat(JwtExpiry.of(b64("{}") + "." + payload + ".sig.extra")).isNull();
	}

}
