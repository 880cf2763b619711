package io.qhub.service.core.internal;

import reactor.core.publisher.Mono;

/**
 * Refuses an attempt once the client is closed, before any token is asked for or any
 * request is built: a disposed connection pool would otherwise open new connections. The
 * failure is a permanent {@code HubClientException} saying the operation was not sent.
 */
final class OpenStep implements CallStep {

	private final Transport transport;

	/**
	 * The check of one transport.
	 * @param transport the transport calls go through
	 */
	OpenStep(Transport transport) {
		this.transport = transport;
	}

	@Override
	public Mono<Answer> process(CallContext context, Chain next) {
		return this.transport.open(context.operation()).then(Mono.defer(() -> next.proceed(context)));
	}

}
