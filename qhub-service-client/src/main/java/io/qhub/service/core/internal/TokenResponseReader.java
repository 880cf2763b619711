package io.qhub.service.core.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.core.Secrets;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.reactive.function.BodyExtractor;

/**
 * Reads the token endpoint's answer with the client's own JSON mapper, at most
 * {@value #MAX_BODY_SIZE} bytes of it (a longer answer is a
 * {@code HubTransportException}). An RFC 6749 §5.2 error, a non-2xx status or an answer
 * without a token is a {@link HubTokenException} with the status, the OAuth2 error code
 * and the redacted description. {@code expires_in} may be any number, integer or decimal,
 * or a numeric string: it is honoured and clamped to {@link #MAX_LIFETIME}; a missing,
 * zero, negative or non-numeric one is taken as {@link #ASSUMED_LIFETIME}, instead of
 * Spring's one second, which would fetch a token for every call.
 */
final class TokenResponseReader implements BodyExtractor<Mono<OAuth2AccessTokenResponse>, ReactiveHttpInputMessage> {

	/** Lifetime assumed for a token whose response has no usable {@code expires_in}. */
	static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

	/** Longest lifetime honoured. */
	static final Duration MAX_LIFETIME = Duration.ofHours(24);

	/** Largest token answer read. */
	static final int MAX_BODY_SIZE = 64 * 1024;

	static final String OPERATION = "POST /token";

	/**
	 * The error code of a token failure whose answer carried none (Spring Security's name
	 * for it).
	 */
	static final String INVALID_RESPONSE = "invalid_token_response";

	private final JsonObjects json = new JsonObjects();

	private final DefaultMapOAuth2AccessTokenResponseConverter converter = new DefaultMapOAuth2AccessTokenResponseConverter();

	private final Endpoint tokenEndpoint;

	TokenResponseReader(Endpoint tokenEndpoint) {
		this.tokenEndpoint = tokenEndpoint;
	}

	@Override
	public Mono<OAuth2AccessTokenResponse> extract(ReactiveHttpInputMessage message, Context context) {
		int status = (message instanceof ClientHttpResponse response) ? response.getStatusCode().value() : 200;
		return DataBufferUtils.join(message.getBody(), MAX_BODY_SIZE)
			.map(ErrorText::bytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> Failures.overLimit(OPERATION, this.tokenEndpoint.toString(),
							Failures.size(MAX_BODY_SIZE) + " (fixed limit for token answers)", ex))
			.map((body) -> toResponse(status, body));
	}

	private OAuth2AccessTokenResponse toResponse(int status, byte[] body) {
		Map<String, @Nullable Object> fields;
		try {
			fields = this.json.read(body);
		}
		catch (RuntimeException ex) {
			throw rejected(status, null,
					"the answer is not a JSON object: " + excerpt(new String(body, StandardCharsets.UTF_8)));
		}
		if (fields.get("error") instanceof String code) {
			Object description = fields.get("error_description");
			throw rejected(status, code, (description instanceof String text) ? text : "no error_description");
		}
		if (status < 200 || status >= 300) {
			throw rejected(status, null, "no OAuth2 error code in the answer");
		}
		if (!(fields.get("access_token") instanceof String token) || token.isBlank()) {
			throw new HubTokenException(this.tokenEndpoint.toString(), status, INVALID_RESPONSE,
					"the answer has no access_token", FailureKind.PERMANENT);
		}
		Map<String, Object> parameters = new LinkedHashMap<>();
		fields.forEach((key, value) -> {
			if (value != null) {
				parameters.put(key, value);
			}
		});
		parameters.put("expires_in", lifetime(parameters.get("expires_in")).toSeconds());
		parameters.putIfAbsent("token_type", "Bearer");
		try {
			return this.converter.convert(parameters);
		}
		catch (RuntimeException ex) {
			throw new HubTokenException(this.tokenEndpoint.toString(), status, INVALID_RESPONSE,
					"the token answer could not be read (" + ex.getClass().getSimpleName() + ")",
					FailureKind.PERMANENT);
		}
	}

	/**
	 * The lifetime a token answer gives: any positive number of seconds, integer or
	 * decimal, or a numeric string; rounded up to whole seconds and clamped to
	 * {@link #MAX_LIFETIME}; {@link #ASSUMED_LIFETIME} for anything else.
	 * @param expiresIn the {@code expires_in} value
	 * @return the lifetime
	 */
	static Duration lifetime(@Nullable Object expiresIn) {
		BigDecimal seconds;
		try {
			seconds = (expiresIn instanceof Number || expiresIn instanceof String)
					? new BigDecimal(expiresIn.toString().strip()) : null;
		}
		catch (NumberFormatException ex) {
			seconds = null;
		}
		if (seconds == null || seconds.signum() <= 0) {
			return ASSUMED_LIFETIME;
		}
		if (seconds.compareTo(BigDecimal.valueOf(MAX_LIFETIME.toSeconds())) >= 0) {
			return MAX_LIFETIME;
		}
		return Duration.ofSeconds(seconds.setScale(0, java.math.RoundingMode.CEILING).longValueExact());
	}

	private HubTokenException rejected(int status, @Nullable String code, String detail) {
		return new HubTokenException(this.tokenEndpoint.toString(), status, (code != null) ? code : INVALID_RESPONSE,
				detail, HubApiException.classify(status));
	}

	/**
	 * Redacted before it is shortened, so a secret cut in two can never show its first
	 * half.
	 * @param text the body of a token endpoint's answer
	 * @return the redacted text, stripped, cut after 120 characters with an ellipsis
	 */
	private static String excerpt(String text) {
		String redacted = Secrets.redact(text.strip());
		return (redacted.length() <= 120) ? redacted : redacted.substring(0, 120) + "…";
	}

}
