package io.qhub.test.gateway;

import org.jspecify.annotations.Nullable;

/**
 * Who a {@link LocalHubGateway} serves: the tokens it issues and accepts for service
 * calls (unless anonymous), the grants it issues, and the platform API key its grant
 * endpoint accepts.
 */
final class GatewayAccess {

	private final boolean anonymous;

	private final @Nullable String platformApiKey;

	private final TokenIssuer tokens;

	private final GrantIssuer grants;

	GatewayAccess(boolean anonymous, @Nullable String platformApiKey, TokenIssuer tokens, GrantIssuer grants) {
		this.anonymous = anonymous;
		this.platformApiKey = platformApiKey;
		this.tokens = tokens;
		this.grants = grants;
	}

	/**
	 * Whether service calls are served without a token.
	 * @return {@code true} when anonymous
	 */
	boolean anonymous() {
		return this.anonymous;
	}

	/**
	 * The token endpoint's issuer.
	 * @return the issuer
	 */
	TokenIssuer tokens() {
		return this.tokens;
	}

	/**
	 * The grant endpoint's issuer.
	 * @return the issuer
	 */
	GrantIssuer grants() {
		return this.grants;
	}

	/**
	 * Whether a service call with this {@code Authorization} header is served.
	 * @param authorization the header value, or {@code null}
	 * @return {@code true} when anonymous or the header carries a valid bearer token
	 */
	boolean isAuthorized(@Nullable String authorization) {
		if (this.anonymous) {
			return true;
		}
		return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				&& this.tokens.isValid(authorization.substring(7).trim());
	}

	/**
	 * Whether the grant endpoint accepts this API key.
	 * @param apiKey the {@code X-Auth-Token} header value, or {@code null}
	 * @return {@code true} for the configured key
	 */
	boolean isPlatformKey(@Nullable String apiKey) {
		return this.platformApiKey != null && this.platformApiKey.equals(apiKey);
	}

}
