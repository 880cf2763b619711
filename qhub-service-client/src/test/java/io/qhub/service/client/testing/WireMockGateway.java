package io.qhub.service.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.core.Sleeper;
import io.qhub.service.core.TransportRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Shared WireMock fixtures: the service path, the token stub and client builders pointed
 * at WireMock.
 */
public class WireMockGateway {

	public static final String SERVICE_PATH = "/acme/svc/1.0.0";

	public static final String TOKEN_PATH = "/token";

	public static final String ACCESS_KEY_ID = "my id";

	public static final String SECRET = "s3cr+t/=:x";

	/**
	 * 4 attempts, 500 ms doubling to 8 s, 30 s in all, no jitter: exact, predictable
	 * delays.
	 */
	public static final TransportRetryPolicy RETRY = new TransportRetryPolicy(4, Duration.ofMillis(500),
			Duration.ofSeconds(8), 0.0);

	/**
	 * Only for the package-private alias {@code io.qhub.service.client.WireMockGateway},
	 * kept while a test of that package still uses this class unqualified.
	 */
	protected WireMockGateway() {
	}

	public static WireMockExtension newServer() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
	}

	public static String tokenJson(String token) {
		return "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
	}

	public static void stubToken(WireMockExtension wm, String token) {
		wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(tokenJson(token))));
	}

	public static List<LoggedRequest> tokenRequests(WireMockExtension wm) {
		return wm.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	/**
	 * A client with the key pair, the WireMock token endpoint, the recording sleeper and
	 * exact retry delays.
	 */
	public static HubServiceClientBuilder withKeys(WireMockExtension wm, Sleeper sleeper) {
		return HubServiceClient.builder()
			.serviceEndpoint(wm.baseUrl() + SERVICE_PATH)
			.accessKeyId(ACCESS_KEY_ID)
			.secretAccessKey(SECRET)
			.tokenEndpoint(wm.baseUrl() + TOKEN_PATH)
			.sleeper(sleeper)
			.transportRetry(RETRY);
	}

	/** A client without keys (random bearer, no token requests). */
	public static HubServiceClientBuilder anonymous(String serviceEndpoint, Sleeper sleeper) {
		return HubServiceClient.builder().serviceEndpoint(serviceEndpoint).sleeper(sleeper).transportRetry(RETRY);
	}

	/** A local port where nothing listens (bound once, then released). */
	public static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
