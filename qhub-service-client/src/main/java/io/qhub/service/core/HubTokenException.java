package io.qhub.service.core;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The token endpoint answered, but not with a token: the key pair was rejected
 * ({@code invalid_client}), it answered another OAuth2 error or a non-2xx status, or its
 * answer held no token. Names the token endpoint and the OAuth2 error code; never the key
 * pair or a token. (A token endpoint that cannot be reached, hangs or sends an endless
 * answer is a {@link HubTransportException} naming the token endpoint.)
 */
public class HubTokenException extends HubClientException {

	private static final long serialVersionUID = 1L;

	private final String tokenEndpoint;

	private final @Nullable String errorCode;

	private final int statusCode;

	/**
	 * Creates an exception.
	 * @param tokenEndpoint the token endpoint that was called (user-info masked)
	 * @param statusCode the HTTP status of the answer
	 * @param errorCode the OAuth2 error code (e.g. {@code invalid_client}), if the
	 * endpoint sent one
	 * @param detail a short description of the failure, already redacted
	 * @param failureKind whether trying again can succeed
	 */
	public HubTokenException(String tokenEndpoint, int statusCode, @Nullable String errorCode, String detail,
			FailureKind failureKind) {
		super("Token request to " + tokenEndpoint + " failed with HTTP " + statusCode
				+ ((errorCode != null) ? " and OAuth2 error '" + errorCode + "'" : "") + ": " + detail, null,
				failureKind);
		this.tokenEndpoint = tokenEndpoint;
		this.statusCode = statusCode;
		this.errorCode = errorCode;
	}

	/**
	 * The token endpoint that was called.
	 * @return the token endpoint URL, user-info masked
	 */
	public String tokenEndpoint() {
		return this.tokenEndpoint;
	}

	/**
	 * The HTTP status of the token endpoint's answer.
	 * @return the status code
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * The OAuth2 error code sent by the token endpoint (RFC 6749 §5.2), e.g.
	 * {@code invalid_client}, or {@code invalid_token_response} when its answer was not a
	 * token and carried no code (an HTML page, a 5xx).
	 * @return the error code
	 */
	public Optional<String> errorCode() {
		return Optional.ofNullable(this.errorCode);
	}

}
