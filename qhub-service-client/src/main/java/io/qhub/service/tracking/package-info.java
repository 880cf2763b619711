/**
 * Tracking of long-running executions: {@link io.qhub.service.tracking.HubExecutionTracker} polls every tracked
 * execution from one scheduler with bounded concurrency and delivers a
 * {@link io.qhub.service.tracking.HubExecutionFinishedEvent} once it is final, at least once. Where tracked
 * executions are kept is a {@link io.qhub.service.tracking.TrackedExecutionStore}: in memory
 * ({@link io.qhub.service.tracking.InMemoryTrackedExecutionStore}) or in a database shared by restarts and
 * instances ({@link io.qhub.service.tracking.JdbcTrackedExecutionStore}, with row leases). Nothing here depends on
 * Spring Boot.
 */
@NullMarked
package io.qhub.service.tracking;

import org.jspecify.annotations.NullMarked;
