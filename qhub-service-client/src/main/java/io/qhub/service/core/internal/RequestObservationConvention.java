package io.qhub.service.core.internal;

import io.micrometer.common.KeyValue;

import org.springframework.web.reactive.function.client.ClientHttpObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;

/**
 * Spring's {@code http.client.requests} convention with the client's name as
 * {@code client.name} (the service name, e.g. {@code optimizer}, instead of the host).
 * The {@code uri} tag is the operation's path template ({@code /{id}/result/{file}}),
 * which every call sets.
 */
final class RequestObservationConvention extends DefaultClientRequestObservationConvention {

	private final String clientName;

	RequestObservationConvention(String clientName) {
		this.clientName = clientName;
	}

	@Override
	protected KeyValue clientName(ClientRequestObservationContext context) {
		return KeyValue.of(LowCardinalityKeyNames.CLIENT_NAME, this.clientName);
	}

}
