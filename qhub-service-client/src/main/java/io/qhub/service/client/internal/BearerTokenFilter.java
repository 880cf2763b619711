package io.qhub.service.client.internal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Adds {@code Authorization: Bearer <token>} to every gateway call. When the gateway answers 401 (for example a
 * token revoked before its expiry), the rejected token is dropped, a new one is fetched and the call is sent once
 * more; a second 401 is returned as it is.
 */
public final class BearerTokenFilter implements ExchangeFilterFunction {

	private static final Log logger = LogFactory.getLog(BearerTokenFilter.class);

	private final AccessTokenSource tokens;

	/**
	 * Creates the filter.
	 * @param tokens where tokens come from
	 */
	public BearerTokenFilter(AccessTokenSource tokens) {
		this.tokens = tokens;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return this.tokens.token().flatMap((token) -> next.exchange(withToken(request, token)).flatMap((response) -> {
			if (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value() || !this.tokens.canRenew()) {
				return Mono.just(response);
			}
			logger.debug("Gateway rejected the token for " + request.method() + " " + request.url()
					+ " with 401; fetching a new one and retrying once");
			return response.releaseBody()
				.then(this.tokens.invalidate(token))
				.then(this.tokens.token())
				.flatMap((renewed) -> next.exchange(withToken(request, renewed)));
		}));
	}

	private static ClientRequest withToken(ClientRequest request, String token) {
		return ClientRequest.from(request).headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.build();
	}

}
