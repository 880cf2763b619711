/**
 * Test and local-run support: {@link io.qhub.test.LocalHubGateway}, a real HTTP server on loopback that speaks the
 * Kipu Quantum Hub gateway protocol (the seven service operations, the OAuth2 token endpoint and the platform's
 * data-pool grants), scriptable per use and recording every request; and
 * {@link io.qhub.test.AutoConfigureLocalHubGateway}, which starts one per Spring test context and points the
 * {@code qhub.*} properties at it (needs {@code spring-test} on the test classpath).
 */
@NullMarked
package io.qhub.test;

import org.jspecify.annotations.NullMarked;
