package io.qhub.service.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.qhub.service.datapool.HubPlatformClient;
import io.qhub.service.datapool.PlatformEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Shared fixtures of the platform and data-pool grant tests: test-made JWTs, a platform
 * stub on the same WireMock server as the gateway, and {@link PlatformEnvironment}s that
 * never look at the real user's environment or home.
 */
final class PlatformFixtures {

	static final String PLATFORM_PATH = "/qc-catalog";

	static final String GRANTS_PATH = PLATFORM_PATH + "/data-pool-grants";

	private PlatformFixtures() {
	}

	/**
	 * A JWT as the platform might issue it: base64url header and payload, dummy
	 * signature.
	 * @param payloadJson the payload
	 * @return the token
	 */
	static String jwt(String payloadJson) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
	}

	/** A JWT expiring at {@code exp}, with a marker so different tokens differ. */
	static String jwtExpiringAt(Instant exp, String marker) {
		return jwt("{\"sub\":\"" + marker + "\",\"exp\":" + exp.getEpochSecond() + "}");
	}

	/** A JWT without {@code exp}. */
	static String jwtWithoutExp(String marker) {
		return jwt("{\"sub\":\"" + marker + "\"}");
	}

	static String tokenJson(String token) {
		return "{\"token\":\"" + token + "\"}";
	}

	static void stubGrant(WireMockExtension wm, String token) {
		wm.stubFor(post(urlPathEqualTo(GRANTS_PATH)).willReturn(okJson(tokenJson(token))));
	}

	static RequestPatternBuilder grantRequests() {
		return postRequestedFor(urlPathEqualTo(GRANTS_PATH));
	}

	static int grantCalls(WireMockExtension wm) {
		return LifecycleFixtures.count(wm, grantRequests());
	}

	static String platformEndpoint(WireMockExtension wm) {
		return wm.baseUrl() + PLATFORM_PATH;
	}

	/** No variables, the given (temporary) directory as home. */
	static PlatformEnvironment emptyEnvironment(Path home) {
		return new PlatformEnvironment(Map.of(), home);
	}

	/** A platform client with an explicit key and organization, pointed at WireMock. */
	static HubPlatformClient.Builder platform(WireMockExtension wm, Path home) {
		return HubPlatformClient.builder()
			.apiKey("pat-1")
			.organizationId("org-9")
			.platformEndpoint(platformEndpoint(wm))
			.environment(emptyEnvironment(home));
	}

	static Path write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			return Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The Hub CLI config file below {@code home}, where {@code qhubctl login} writes it.
	 */
	static Path homeConfig(Path home) {
		return home.resolve(".config").resolve("planqk").resolve("config.json");
	}

	static String config(String token, String contextId, boolean isOrganization) {
		return "{\"auth\":{\"type\":\"PAT\",\"value\":\"" + token + "\"},\"context\":{\"id\":\"" + contextId
				+ "\",\"displayName\":\"Acme\",\"isOrganization\":" + isOrganization + "}}";
	}

}
