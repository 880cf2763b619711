/**
 * Testcontainers service connections of the Kipu Quantum Hub clients: a {@code @ServiceConnection}
 * {@code LocalHubGatewayContainer} becomes the default client's {@code HubServiceConnectionDetails}.
 */
@NullMarked
package io.qhub.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
