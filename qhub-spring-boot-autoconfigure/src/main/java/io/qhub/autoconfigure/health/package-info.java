/**
 * Actuator health contribution of the Kipu Quantum Hub clients.
 */
@NullMarked
package io.qhub.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
