/**
 * Spring Boot auto-configuration of the Kipu Quantum Hub clients: the
 * auto-configurations, the {@code qhub.*} properties, the connection details, the
 * customizer (the one extension point) and the
 * {@link io.qhub.autoconfigure.HubServiceClients} registry. Built on Spring Boot's own
 * seams: {@code HttpClientSettings}, {@code SslBundles}, {@code PropertyMapper} and
 * {@code ConnectionDetails}. Configuration only: every client behaviour lives in
 * {@code io.qhub.service.client}. Never component-scanned.
 */
@NullMarked
package io.qhub.autoconfigure;

import org.jspecify.annotations.NullMarked;
