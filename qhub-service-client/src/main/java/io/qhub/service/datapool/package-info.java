/**
 * Data-pool access grants, mirroring the Python SDK's {@code qhub.service.datapool} module:
 * {@link io.qhub.service.datapool.DataPoolGrant} (what {@code run} should acquire),
 * {@link io.qhub.service.datapool.DataPoolPermission} and {@link io.qhub.service.datapool.DataPoolReference} (what
 * is put into the request).
 */
@NullMarked
package io.qhub.service.datapool;

import org.jspecify.annotations.NullMarked;
