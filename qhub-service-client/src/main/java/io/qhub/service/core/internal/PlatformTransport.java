package io.qhub.service.core.internal;

import java.util.List;
import java.util.Map;

import io.qhub.service.core.FailureKind;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * Calls of the Hub Platform API over one {@link Transport}, with {@code X-Auth-Token}
 * (and {@code X-OrganizationId}) sent only to the platform endpoint. What
 * {@code DataPoolGrantsApi} delegates to. Internal: not exported by the module, may
 * change in any release.
 */
public final class PlatformTransport implements AutoCloseable {

	private final JsonObjects json = new JsonObjects();

	private final Exchange exchange;

	private PlatformTransport(Exchange exchange) {
		this.exchange = exchange;
	}

	/**
	 * Builds the transport.
	 * @param context settings, observation, clock
	 * @param platformEndpoint the platform API endpoint URL
	 * @param apiKey the personal access token
	 * @param organizationId the organization to act for, or {@code null}
	 * @return the transport
	 * @throws io.qhub.service.core.InvalidSettingException naming
	 * {@code platformEndpoint} when it is malformed
	 */
	public static PlatformTransport create(TransportContext context, String platformEndpoint, String apiKey,
			@Nullable String organizationId) {
		return new PlatformTransport(Exchange.platform(context, platformEndpoint, apiKey, organizationId));
	}

	/**
	 * Validates a platform endpoint as {@link #create} would.
	 * @param platformEndpoint the URL
	 * @return the URL as sent (no user-info, no trailing slash)
	 */
	public static String validateEndpoint(String platformEndpoint) {
		return Exchange.validateEndpoint(platformEndpoint, "platformEndpoint");
	}

	/**
	 * {@code POST} a JSON object below the endpoint and read a JSON object back. Sent
	 * once; retried only when the connection could not be opened.
	 * @param path the path, e.g. {@code "/data-pool-grants"}
	 * @param body the request body
	 * @return the answer's fields
	 */
	public Mono<Map<String, @Nullable Object>> post(String path, Map<String, ?> body) {
		return Mono.fromCallable(() -> this.json.write(body))
			.flatMap(
					(bytes) -> this.exchange.json(
							new Call<>("POST " + path, HttpMethod.POST, path, List.of(), bytes, false,
									FailureKind.PERMANENT, (answer, headers) -> this.json.read(answer), List.of()),
							CallBudget.DEFAULT));
	}

	/**
	 * The platform endpoint, user-info masked.
	 * @return the endpoint
	 */
	public String platformEndpoint() {
		return this.exchange.endpointUrl();
	}

	@Override
	public void close() {
		this.exchange.close();
	}

}
