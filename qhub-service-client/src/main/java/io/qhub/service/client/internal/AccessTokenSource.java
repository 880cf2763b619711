package io.qhub.service.client.internal;

import reactor.core.publisher.Mono;

/** Supplies the bearer token for gateway calls. */
public interface AccessTokenSource {

	/**
	 * The current token, fetching one when none is cached or the cached one is about to expire.
	 * @return the token value
	 */
	Mono<String> token();

	/**
	 * Drops the given token after the gateway rejected it, if it is still the cached one.
	 * @param rejected the token the gateway answered 401 to
	 * @return completes when done
	 */
	Mono<Void> invalidate(String rejected);

	/**
	 * Whether a new token can differ from a rejected one (so retrying after a 401 can help).
	 * @return {@code true} for real credentials
	 */
	boolean canRenew();

}
