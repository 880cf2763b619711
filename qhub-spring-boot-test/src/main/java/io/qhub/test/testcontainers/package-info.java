/**
 * Testcontainers support: {@link io.qhub.test.testcontainers.LocalHubGatewayContainer} runs the standalone local
 * gateway in a container (needs {@code testcontainers} on the test classpath).
 */
@NullMarked
package io.qhub.test.testcontainers;

import org.jspecify.annotations.NullMarked;
