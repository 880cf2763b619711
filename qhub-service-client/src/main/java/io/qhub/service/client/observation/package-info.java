/**
 * Micrometer observation of execution waits: {@code qhub.execution}, one observation per
 * {@code waitForFinalState} (and so per {@code result()} that waits), with
 * low-cardinality tags for the service and the outcome. Active when an
 * {@code ObservationRegistry} is given to the client builder.
 */
@NullMarked
package io.qhub.service.client.observation;

import org.jspecify.annotations.NullMarked;
