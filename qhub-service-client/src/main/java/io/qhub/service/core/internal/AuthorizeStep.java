package io.qhub.service.core.internal;

import reactor.core.publisher.Mono;

/**
 * Authorizes an attempt with the credentials' headers (a bearer token, or the platform's
 * API key); on a 401 answer, when the credentials can renew, drops the rejected token and
 * sends once more with a new one. One renewal only: a second 401 is the answer. The same
 * for JSON and streamed calls, as a non-2xx answer arrives here read whole.
 */
final class AuthorizeStep implements CallStep {

	private final Credentials credentials;

	/**
	 * The step for calls with these credentials.
	 * @param credentials what authorizes a call
	 */
	AuthorizeStep(Credentials credentials) {
		this.credentials = credentials;
	}

	@Override
	public Mono<Answer> process(CallContext context, Chain next) {
		return this.credentials.authorize()
			.flatMap((authorization) -> next.proceed(context.authorizedBy(authorization)).flatMap((answer) -> {
				if (answer.status() != 401 || !this.credentials.canRenew()) {
					return Mono.just(answer);
				}
				return this.credentials.rejected(authorization)
					.then(this.credentials.authorize())
					.flatMap((renewed) -> next.proceed(context.authorizedBy(renewed)));
			}));
	}

}
