/**
 * JUnit Jupiter support without Spring:
 * {@link io.qhub.test.junit.LocalHubGatewayExtension} runs a
 * {@link io.qhub.test.gateway.LocalHubGateway} for the tests of a class, or one per test
 * (needs {@code junit-jupiter-api} on the test classpath).
 */
@NullMarked
package io.qhub.test.junit;

import org.jspecify.annotations.NullMarked;
