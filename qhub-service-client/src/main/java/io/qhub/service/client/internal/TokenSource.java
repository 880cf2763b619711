package io.qhub.service.client.internal;

import reactor.core.publisher.Mono;

/** Supplies the bearer token of gateway calls. */
interface TokenSource extends AutoCloseable {

	/**
	 * The current token, fetching one (once, for all concurrent callers) when none is cached or the cached one
	 * is about to expire.
	 * @return the token value; fails with a {@code HubTokenException} or a {@code HubTransportException}
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

	/** Forgets the credentials' secrets. */
	@Override
	void close();

}
