package io.qhub.service.datapool;

import java.util.LinkedHashMap;
import java.util.Map;

import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.internal.PlatformTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The platform's data-pool grant endpoint: the Java counterpart of the Python SDK's
 * {@code HubPlatformClient.data_pool_grants}. The wire shape is NOT confirmed by any
 * public specification; this is the best reading of the official SDK's documentation,
 * kept in this one class so it can change in one place: {@code POST
 * {platform}/data-pool-grants} with JSON {@code {"datapoolId", "applicationId",
 * "permission"}}, headers {@code X-Auth-Token} (and {@code X-OrganizationId} when set),
 * answer 2xx with the JWT in the {@code token} field. Sent once (a grant request is not
 * repeated after it may have reached the platform), within the call timeout.
 */
public final class DataPoolGrantsApi {

	static final String PATH = "/data-pool-grants";

	private final PlatformTransport transport;

	DataPoolGrantsApi(PlatformTransport transport) {
		this.transport = transport;
	}

	/**
	 * Requests a grant JWT.
	 * @param datapoolId the data pool
	 * @param applicationId the application
	 * @param permission what the grant allows
	 * @return the JWT
	 */
	public Mono<String> createGrant(String datapoolId, String applicationId, DataPoolPermission permission) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("datapoolId", datapoolId);
		body.put("applicationId", applicationId);
		body.put("permission", permission.name());
		return this.transport.post(PATH, body).map(DataPoolGrantsApi::token);
	}

	private static String token(Map<String, @Nullable Object> response) {
		if (response.get("token") instanceof String token && !token.isBlank()) {
			return token;
		}
		throw new HubTransportException("POST " + PATH,
				"POST " + PATH + " answered without a 'token' field (fields: " + response.keySet() + ")", null,
				FailureKind.PERMANENT, true);
	}

	@Override
	public String toString() {
		return "DataPoolGrantsApi[" + this.transport.platformEndpoint() + PATH + "]";
	}

}
