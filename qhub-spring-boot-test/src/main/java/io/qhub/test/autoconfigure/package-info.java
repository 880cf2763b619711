/**
 * Spring test support: {@link io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway}
 * starts a {@link io.qhub.test.gateway.LocalHubGateway} per Spring test context and
 * points the {@code qhub.*} properties at it (needs {@code spring-test} on the test
 * classpath).
 */
@NullMarked
package io.qhub.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
