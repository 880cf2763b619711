/**
 * Actuator health contribution of the Kipu Quantum Hub clients: its auto-configuration,
 * its properties ({@code management.health.qhub.*}) and the indicator.
 */
@NullMarked
package io.qhub.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
