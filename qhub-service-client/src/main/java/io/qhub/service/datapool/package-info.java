/**
 * Data-pool access grants and the Hub Platform API, mirroring the Python SDK's
 * {@code qhub.service.datapool} module and its {@code HubPlatformClient}:
 * {@link io.qhub.service.datapool.DataPoolGrant} (what {@code run} should acquire),
 * {@link io.qhub.service.datapool.DataPoolPermission},
 * {@link io.qhub.service.datapool.DataPoolReference} (what is put into the request),
 * {@link io.qhub.service.datapool.HubPlatformClient} (acquires and caches the grant
 * JWTs), {@link io.qhub.service.datapool.DataPoolGrantsApi} (the grant endpoint's wire
 * shape), and the ambient credentials of the Hub CLI
 * ({@link io.qhub.service.datapool.DefaultCredentialsProvider},
 * {@link io.qhub.service.datapool.ContextResolver}).
 */
@NullMarked
package io.qhub.service.datapool;

import org.jspecify.annotations.NullMarked;
