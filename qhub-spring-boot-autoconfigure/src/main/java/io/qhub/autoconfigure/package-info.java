/**
 * Spring Boot auto-configuration of the Kipu Quantum Hub clients: the {@code qhub.*} properties, the client,
 * platform and registry beans, their conditions, customizers, health, actuator sanitizing and failure analysis.
 * Configuration only: every client behaviour lives in {@code io.qhub.service.client}. Never component-scanned.
 */
@NullMarked
package io.qhub.autoconfigure;

import org.jspecify.annotations.NullMarked;
