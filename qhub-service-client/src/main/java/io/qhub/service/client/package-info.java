/**
 * Client for Kipu Quantum Hub Managed Services, mirroring the Python SDK's
 * {@code qhub.service.client} module:
 * {@link io.qhub.service.client.ReactiveHubServiceClient} (the reactive core) and the
 * blocking {@link io.qhub.service.client.HubServiceClient} over it, both built by
 * {@link io.qhub.service.client.HubServiceClientBuilder};
 * {@link io.qhub.service.client.HubServiceExecution}; the low-level operations
 * ({@link io.qhub.service.client.ReactiveServiceApiClient},
 * {@link io.qhub.service.client.ServiceApiClient}); the policies and settings; and the
 * exception hierarchy rooted at {@link io.qhub.service.core.HubClientException} with its
 * {@link io.qhub.service.core.FailureKind}. The wire records are in
 * {@link io.qhub.service.client.model}. Nothing here depends on Spring Boot.
 */
@NullMarked
package io.qhub.service.client;

import org.jspecify.annotations.NullMarked;
