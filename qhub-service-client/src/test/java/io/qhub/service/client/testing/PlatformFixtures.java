package io.qhub.service.client.testing;

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
public final class PlatformFixtures {

	public static final String PLATFORM_PATH = "/qc-catalog";

	public static final String GRANTS_PATH = PLATFORM_PATH + "/data-pool-grants";

	private PlatformFixtures() {
	}

	/**
	 * A JWT as the platform might issue it: base64url header and payload, dummy
	 * signature.
	 * @param payloadJson the payload
	 * @return the token
	 */
	public static String jwt(String payloadJson) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
	}

	/** A JWT expiring at {@code exp}, with a marker so different tokens differ. */
	public static String jwtExpiringAt(Instant exp, String marker) {
		return jwt("{\"sub\":\"" + marker + "\",\"exp\":" + exp.getEpochSecond() + "}");
	}

	/** A JWT without {@code exp}. */
	public static String jwtWithoutExp(String marker) {
		return jwt("{\"sub\":\"" + marker + "\"}");
	}

	public static String tokenJson(String token) {
		return "{\"token\":\"" + token + "\"}";
	}

	public static void stubGrant(WireMockExtension wm, String token) {
		wm.stubFor(post(urlPathEqualTo(GRANTS_PATH)).willReturn(okJson(tokenJson(token))));
	}

	public static RequestPatternBuilder grantRequests() {
		return postRequestedFor(urlPathEqualTo(GRANTS_PATH));
	}

	public static int grantCalls(WireMockExtension wm) {
		return LifecycleFixtures.count(wm, grantRequests());
	}

	public static String platformEndpoint(WireMockExtension wm) {
		return wm.baseUrl() + PLATFORM_PATH;
	}

	/** No variables, the given (temporary) directory as home. */
	public static PlatformEnvironment emptyEnvironment(Path home) {
		return new PlatformEnvironment(Map.of(), home);
	}

	/** A platform client with an explicit key and organization, pointed at WireMock. */
	public static HubPlatformClient.Builder platform(WireMockExtension wm, Path home) {
		return HubPlatformClient.builder()
			.apiKey("pat-1")
			.organizationId("org-9")
			.platformEndpoint(platformEndpoint(wm))
			.environment(emptyEnvironment(home));
	}

	public static Path write(Path file, String content) {
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
	public static Path homeConfig(Path home) {
		return home.resolve(".config").resolve("planqk").resolve("config.json");
	}

	public static String config(String token, String contextId, boolean isOrganization) {
		return "{\"auth\":{\"type\":\"PAT\",\"value\":\"" + token + "\"},\"context\":{\"id\":\"" + contextId
				+ "\",\"displayName\":\"Acme\",\"isOrganization\":" + isOrganization + "}}";
	}

}
