package io.qhub.service.core.internal;

import java.util.function.Consumer;

import io.qhub.service.core.Secrets;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

/**
 * What a call carries to prove who it is from: a bearer token (gateway) or an API key
 * (platform).
 */
interface Credentials extends AutoCloseable {

	/**
	 * The headers for the next request.
	 * @return the authorization; fails when no token can be had
	 */
	Mono<Authorization> authorize();

	/**
	 * The server answered 401 to this authorization: forget it, so {@link #authorize()}
	 * gets a new one.
	 * @param rejected the authorization sent
	 * @return completes when done
	 */
	Mono<Void> rejected(Authorization rejected);

	/**
	 * Whether a new authorization can differ from a rejected one.
	 * @return {@code true} when a 401 is worth one more attempt
	 */
	boolean canRenew();

	/** Forgets the secrets. */
	@Override
	void close();

	/**
	 * Headers that authorize one request.
	 *
	 * @param token the bearer token sent, if any
	 * @param headers sets the headers
	 */
	record Authorization(@Nullable String token, Consumer<HttpHeaders> headers) {

		@Override
		public String toString() {
			return "Authorization[<redacted>]";
		}

	}

	/**
	 * Bearer tokens from a {@link TokenSource}.
	 *
	 * @param tokens the source of the bearer tokens, which is told of a rejected one
	 */
	record Bearer(TokenSource tokens) implements Credentials {

		@Override
		public Mono<Authorization> authorize() {
			return this.tokens.token()
				.map((token) -> new Authorization(token, (headers) -> headers.setBearerAuth(token)));
		}

		@Override
		public Mono<Void> rejected(Authorization rejected) {
			return (rejected.token() != null) ? this.tokens.invalidate(rejected.token()) : Mono.empty();
		}

		@Override
		public boolean canRenew() {
			return this.tokens.canRenew();
		}

		@Override
		public void close() {
			this.tokens.close();
		}

		@Override
		public String toString() {
			return this.tokens.toString();
		}

	}

	/** The platform's {@code X-Auth-Token} API key and {@code X-OrganizationId}. */
	final class ApiKey implements Credentials {

		private final Mono<Authorization> authorization;

		private final Secrets.Registration registration;

		ApiKey(String apiKey, @Nullable String organizationId) {
			this.registration = Secrets.register(apiKey);
			this.authorization = Mono.just(new Authorization(null, (headers) -> {
				headers.set("X-Auth-Token", apiKey);
				if (organizationId != null) {
					headers.set("X-OrganizationId", organizationId);
				}
			}));
		}

		@Override
		public Mono<Authorization> authorize() {
			return this.authorization;
		}

		@Override
		public Mono<Void> rejected(Authorization rejected) {
			return Mono.empty();
		}

		@Override
		public boolean canRenew() {
			return false;
		}

		@Override
		public void close() {
			this.registration.release();
		}

		@Override
		public String toString() {
			return "api key";
		}

	}

}
