package io.qhub.service.client;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The OAuth2 token request for the gateway failed: wrong key pair ({@code invalid_client}), an unreachable or
 * failing token endpoint, or an unreadable token response. Names the token endpoint and the OAuth2 error code;
 * never the key pair or a token.
 */
public class HubTokenException extends HubClientException {

	private static final long serialVersionUID = 1L;

	private final String tokenEndpoint;

	private final @Nullable String errorCode;

	/**
	 * Creates an exception.
	 * @param tokenEndpoint the token endpoint that was called
	 * @param errorCode the OAuth2 error code (e.g. {@code invalid_client}), if the endpoint sent one
	 * @param detail a short description of the failure, free of secrets
	 * @param cause the underlying failure
	 */
	public HubTokenException(String tokenEndpoint, @Nullable String errorCode, String detail,
			@Nullable Throwable cause) {
		super("Token request to " + tokenEndpoint + " failed"
				+ ((errorCode != null) ? " with OAuth2 error '" + errorCode + "'" : "") + ": " + detail, cause);
		this.tokenEndpoint = tokenEndpoint;
		this.errorCode = errorCode;
	}

	/**
	 * The token endpoint that was called.
	 * @return the token endpoint URL
	 */
	public String tokenEndpoint() {
		return this.tokenEndpoint;
	}

	/**
	 * The OAuth2 error code sent by the token endpoint (RFC 6749 §5.2), e.g. {@code invalid_client}.
	 * @return the error code, empty when the failure was not an OAuth2 error response
	 */
	public Optional<String> errorCode() {
		return Optional.ofNullable(this.errorCode);
	}

}
