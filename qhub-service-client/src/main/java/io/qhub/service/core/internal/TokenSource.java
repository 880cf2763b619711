package io.qhub.service.core.internal;

import java.time.Duration;

import reactor.core.publisher.Mono;

/** Supplies the bearer token of gateway calls. */
interface TokenSource extends AutoCloseable {

	/**
	 * The current token, fetching one (once, for all concurrent callers) when none is
	 * cached or the cached one is about to expire.
	 * @return the token value; fails with a {@code HubTokenException} or a
	 * {@code HubTransportException}
	 */
	Mono<String> token();

	/**
	 * Checks now that the credentials get a token: one request, no retry, within the
	 * timeout (a cached token does not count); at once when there are no credentials to
	 * check.
	 * @param timeout the longest time the check takes
	 * @return completes, or fails with a {@code HubTokenException} or a
	 * {@code HubTransportException}
	 */
	Mono<Void> probe(Duration timeout);

	/**
	 * Drops the given token after the gateway rejected it, if it is still the cached one.
	 * @param rejected the token the gateway answered 401 to
	 * @return completes when done
	 */
	Mono<Void> invalidate(String rejected);

	/**
	 * Whether a new token can differ from a rejected one (so retrying after a 401 can
	 * help).
	 * @return {@code true} for real credentials
	 */
	boolean canRenew();

	/** Forgets the credentials' secrets. */
	@Override
	void close();

}
