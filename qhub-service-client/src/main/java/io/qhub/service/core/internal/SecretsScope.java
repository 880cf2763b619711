package io.qhub.service.core.internal;

import java.util.List;

import io.qhub.service.core.HubClientException;
import io.qhub.service.core.Secrets;
import reactor.core.publisher.Mono;

/**
 * The outermost layer of a call: registers the call's own secrets ({@code $secrets}
 * values, grant JWTs) with {@link Secrets} for the call's whole lifetime, so every
 * message made meanwhile is redacted, and maps every failure that leaves the call through
 * {@link Failures}, so what leaves is a classified, redacted {@link HubClientException}.
 * It wraps the {@link CallStep} chain together with the reading of its answer (the JSON
 * decoding), which happens while the secrets are still registered; hence a scope around
 * the chain's outcome rather than a step of the chain.
 */
final class SecretsScope {

	private final String target;

	private final Transport transport;

	/**
	 * The scope of calls of one endpoint.
	 * @param target where calls go (user-info masked), for messages
	 * @param transport the transport calls go through: its read timeout and proxy login,
	 * for messages
	 */
	SecretsScope(String target, Transport transport) {
		this.target = target;
		this.transport = transport;
	}

	/**
	 * A call's outcome, run within the scope.
	 * @param <T> the value
	 * @param call the call, with its secrets
	 * @param outcome the chain and the reading of its answer
	 * @return the value, or a {@link HubClientException}
	 */
	<T> Mono<T> around(Call<?> call, Mono<T> outcome) {
		Mono<T> classified = outcome.onErrorMap((ex) -> Failures.of(call.operation(), this.target, ex, this.transport));
		if (call.secrets().isEmpty()) {
			return classified;
		}
		return Mono.using(() -> register(call.secrets()), (registrations) -> classified,
				(registrations) -> registrations.forEach(Secrets.Registration::release));
	}

	private static List<Secrets.Registration> register(List<String> secrets) {
		return secrets.stream().map(Secrets::register).toList();
	}

}
