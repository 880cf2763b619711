package io.qhub.service.core.internal;

import java.time.Clock;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.service.core.Sleeper;
import io.qhub.service.core.TransportSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;

/**
 * Everything a transport is built from besides its endpoint and credentials. Internal:
 * not exported by the module, may change in any release.
 *
 * @param settings timeouts, limits, retry and the {@code HttpClient} customizer
 * @param observationRegistry where {@code http.client.requests} observations go
 * @param requestObservationConvention replaces the default {@code http.client.requests}
 * convention, if set
 * @param clientName the {@code client.name} of those observations and the name of the
 * connection pool; {@code null} for the endpoint's path
 * @param clock reads deadlines, token expiry and {@code Retry-After} dates
 * @param sleeper waits between transport retries
 */
public record TransportContext(TransportSettings settings, ObservationRegistry observationRegistry,
		@Nullable ClientRequestObservationConvention requestObservationConvention, @Nullable String clientName,
		Clock clock, Sleeper sleeper) {

	TransportContext named(String fallback) {
		return (this.clientName != null) ? this : new TransportContext(this.settings, this.observationRegistry,
				this.requestObservationConvention, fallback, this.clock, this.sleeper);
	}

	String name() {
		return (this.clientName != null) ? this.clientName : "qhub";
	}

}
