package io.qhub.service.core.internal;

import java.security.SecureRandom;
import java.time.Duration;

import io.qhub.service.core.Secrets;
import reactor.core.publisher.Mono;

/**
 * Used when no key pair is configured: a random 21-character alphanumeric bearer token,
 * made once per client and never fetched, as the official SDK does for local gateways
 * that do not check tokens.
 */
final class AnonymousTokens implements TokenSource {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final int LENGTH = 21;

	private final String token;

	private final Secrets.Registration registration;

	AnonymousTokens() {
		SecureRandom random = new SecureRandom();
		StringBuilder value = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		this.token = value.toString();
		this.registration = Secrets.register(this.token);
	}

	@Override
	public Mono<String> token() {
		return Mono.just(this.token);
	}

	@Override
	public Mono<Void> probe(Duration timeout) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> invalidate(String rejected) {
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
		return "anonymous";
	}

}
