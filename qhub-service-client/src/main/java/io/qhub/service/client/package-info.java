/**
 * Client for Kipu Quantum Hub Managed Services: {@link io.qhub.service.client.HubServiceClient} (blocking),
 * {@link io.qhub.service.client.ReactiveServiceApiClient} (the reactive core), the gateway's data types and the
 * exception hierarchy. Mirrors the Python SDK's {@code qhub.service.client} module. Nothing here depends on
 * Spring Boot.
 */
@NullMarked
package io.qhub.service.client;

import org.jspecify.annotations.NullMarked;
