/**
 * Testcontainers support: {@link io.qhub.test.testcontainers.LocalHubGatewayContainer}
 * runs the standalone local gateway in a container; with {@code @ServiceConnection} it
 * becomes the default client's {@code HubServiceConnectionDetails} (needs
 * {@code spring-boot-testcontainers} and {@code qhub-spring-boot-autoconfigure} on the
 * test classpath).
 */
@NullMarked
package io.qhub.test.testcontainers;

import org.jspecify.annotations.NullMarked;
