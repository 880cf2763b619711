/**
 * Auto-configuration of execution tracking (module {@code qhub-execution-tracking}): a
 * {@link io.qhub.tracking.HubExecutionTracker} for the auto-configured clients,
 * publishing each {@link io.qhub.tracking.HubExecutionFinished} as an application event,
 * with an in-memory or a JDBC store ({@code qhub.tracking.*}); and what an operator sees
 * of it: the {@code qhub.tracking.*} Micrometer meters, the {@code qhubtracking} actuator
 * endpoint and the {@code qhubTracking} health indicator.
 */
@NullMarked
package io.qhub.autoconfigure.tracking;

import org.jspecify.annotations.NullMarked;
