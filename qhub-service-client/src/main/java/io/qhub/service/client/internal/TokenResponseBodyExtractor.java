package io.qhub.service.client.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.reactive.function.BodyExtractor;

/**
 * Reads the token endpoint's answer with the client's own JSON mapper (so it works whatever Jackson the
 * application runs): an RFC 6749 §5.2 error body becomes an {@link OAuth2AuthorizationException} carrying the
 * error code; a body that is not JSON, or a non-2xx answer without an error code, becomes one with
 * {@code invalid_token_response} and the HTTP status; a token without a positive numeric {@code expires_in}
 * (missing, {@code 0}, negative or not a number) is taken to live
 * {@link #ASSUMED_LIFETIME} (the gateway's usual lifetime) instead of Spring's one second, so it is not fetched
 * again for every call — a 401 from the gateway still renews it at once.
 */
public final class TokenResponseBodyExtractor
		implements BodyExtractor<Mono<OAuth2AccessTokenResponse>, ReactiveHttpInputMessage> {

	/** Lifetime assumed for a token whose response has no {@code expires_in}. */
	public static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

	private static final String INVALID_RESPONSE = "invalid_token_response";

	private final GatewayJson json = new GatewayJson();

	private final DefaultMapOAuth2AccessTokenResponseConverter converter = new DefaultMapOAuth2AccessTokenResponseConverter();

	@Override
	public Mono<OAuth2AccessTokenResponse> extract(ReactiveHttpInputMessage message, Context context) {
		int status = (message instanceof ClientHttpResponse response) ? response.getStatusCode().value() : 200;
		return DataBufferUtils.join(message.getBody()).map((buffer) -> {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).defaultIfEmpty(new byte[0]).map((body) -> toResponse(status, body));
	}

	private OAuth2AccessTokenResponse toResponse(int status, byte[] body) {
		Map<String, @Nullable Object> fields;
		try {
			fields = this.json.readObject(body);
		}
		catch (RuntimeException ex) {
			throw invalid("HTTP " + status + " with a body that is not a JSON object");
		}
		if (fields.get("error") instanceof String code) {
			Object description = fields.get("error_description");
			throw new OAuth2AuthorizationException(new OAuth2Error(code,
					(description instanceof String text) ? text : "HTTP " + status, null));
		}
		if (status < 200 || status >= 300) {
			throw invalid("HTTP " + status + " without an OAuth2 error code");
		}
		if (!(fields.get("access_token") instanceof String)) {
			throw invalid("the response has no access_token");
		}
		Map<String, Object> parameters = new LinkedHashMap<>();
		fields.forEach((key, value) -> {
			if (value != null) {
				parameters.put(key, value);
			}
		});
		if (!hasUsableLifetime(parameters.get("expires_in"))) {
			parameters.put("expires_in", ASSUMED_LIFETIME.toSeconds());
		}
		parameters.putIfAbsent("token_type", "Bearer");
		try {
			return this.converter.convert(parameters);
		}
		catch (RuntimeException ex) {
			throw invalid("the token response could not be read (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private static boolean hasUsableLifetime(@Nullable Object expiresIn) {
		if (expiresIn instanceof Number number) {
			return number.longValue() > 0;
		}
		if (expiresIn instanceof String text) {
			try {
				return Long.parseLong(text.strip()) > 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		return false;
	}

	private static OAuth2AuthorizationException invalid(String description) {
		return new OAuth2AuthorizationException(new OAuth2Error(INVALID_RESPONSE, description, null));
	}

}
