package io.qhub.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.jspecify.annotations.Nullable;

/**
 * The gateway a scenario measures against: a {@link LocalHubGateway} (whose own counts
 * are the truth) or an external one (counted by a {@link CallCounter} in every client
 * built here).
 */
public final class Target implements AutoCloseable {

	private static final PlatformEnvironment NO_AMBIENT_CREDENTIALS = new PlatformEnvironment(Map.of(), emptyHome());

	private final @Nullable LocalHubGateway gateway;

	private final String serviceEndpoint;

	private final String tokenEndpoint;

	private final @Nullable String accessKeyId;

	private final @Nullable String secretAccessKey;

	private final CallCounter counter;

	private Target(@Nullable LocalHubGateway gateway, String serviceEndpoint, @Nullable String tokenEndpoint,
			@Nullable String accessKeyId, @Nullable String secretAccessKey) {
		this.gateway = gateway;
		this.serviceEndpoint = serviceEndpoint;
		this.tokenEndpoint = (tokenEndpoint != null) ? tokenEndpoint : HubServiceClient.DEFAULT_TOKEN_ENDPOINT;
		this.accessKeyId = accessKeyId;
		this.secretAccessKey = secretAccessKey;
		this.counter = new CallCounter(serviceEndpoint, this.tokenEndpoint);
	}

	/**
	 * A local gateway, owned (closed) by the target.
	 * @param gateway the gateway
	 * @param accessKeyId the key id it accepts, or {@code null} for an anonymous gateway
	 * @param secretAccessKey the secret
	 * @return the target
	 */
	public static Target local(LocalHubGateway gateway, @Nullable String accessKeyId,
			@Nullable String secretAccessKey) {
		return new Target(gateway, gateway.serviceEndpoint(), gateway.tokenEndpoint(), accessKeyId, secretAccessKey);
	}

	/**
	 * A gateway known only by its URLs; calls are counted client-side.
	 * @param serviceEndpoint the service endpoint
	 * @param tokenEndpoint the token endpoint, or {@code null} for the default
	 * @param accessKeyId the key id, or {@code null} for an anonymous client
	 * @param secretAccessKey the secret
	 * @return the target
	 */
	public static Target remote(String serviceEndpoint, @Nullable String tokenEndpoint, @Nullable String accessKeyId,
			@Nullable String secretAccessKey) {
		return new Target(null, serviceEndpoint, tokenEndpoint, accessKeyId, secretAccessKey);
	}

	/**
	 * A client builder for this gateway: endpoints, key pair, no ambient platform
	 * credentials, the call counter.
	 * @return the builder
	 */
	public HubServiceClientBuilder clientBuilder() {
		return HubServiceClient.builder()
			.serviceEndpoint(this.serviceEndpoint)
			.tokenEndpoint(this.tokenEndpoint)
			.accessKeyId(this.accessKeyId)
			.secretAccessKey(this.secretAccessKey)
			.platformEnvironment(NO_AMBIENT_CREDENTIALS)
			.httpClient(this.counter);
	}

	/**
	 * Calls by operation since the last reset: the gateway's own counts when local, the
	 * clients' otherwise.
	 * @return the counts
	 */
	public Map<GatewayOperation, Long> counts() {
		return (this.gateway != null) ? this.gateway.callCounts() : this.counter.counts();
	}

	/** Resets the counts (and the local gateway's recorded requests). */
	public void resetCounts() {
		if (this.gateway != null) {
			this.gateway.resetRecording();
		}
		this.counter.reset();
	}

	/**
	 * Whether the gateway is a {@link LocalHubGateway} of this process.
	 * @return {@code true} when local
	 */
	public boolean isLocal() {
		return this.gateway != null;
	}

	/**
	 * The service endpoint.
	 * @return the URL
	 */
	public String serviceEndpoint() {
		return this.serviceEndpoint;
	}

	/**
	 * The token endpoint.
	 * @return the URL
	 */
	public String tokenEndpoint() {
		return this.tokenEndpoint;
	}

	/**
	 * The access key id.
	 * @return the id, or {@code null} when anonymous
	 */
	public @Nullable String accessKeyId() {
		return this.accessKeyId;
	}

	/**
	 * The secret.
	 * @return the secret, or {@code null} when anonymous
	 */
	public @Nullable String secretAccessKey() {
		return this.secretAccessKey;
	}

	/** Stops the local gateway, if any. */
	@Override
	public void close() {
		if (this.gateway != null) {
			this.gateway.close();
		}
	}

	private static Path emptyHome() {
		try {
			Path home = Files.createTempDirectory("qhub-bench-home");
			home.toFile().deleteOnExit();
			return home;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
