/**
 * Tracking of long-running executions: {@link io.qhub.tracking.HubExecutionTracker} polls
 * every tracked execution from one scheduler with bounded concurrency and hands a
 * {@link io.qhub.tracking.HubExecutionFinished} record to its listener once it is final,
 * at least once. Where tracked executions are kept is a
 * {@link io.qhub.tracking.TrackedExecutionStore}: in memory
 * ({@link io.qhub.tracking.InMemoryTrackedExecutionStore}) or in a database shared by
 * restarts and instances ({@link io.qhub.tracking.JdbcTrackedExecutionStore}, with row
 * leases; schema in {@code io/qhub/tracking/schema-h2.sql} and
 * {@code schema-postgresql.sql}). Nothing here depends on Spring Boot or on a Spring
 * application context.
 * <p>
 * Inside, the tracker is three jobs: a claim loop (the scheduler thread, ticks, backlog
 * and concurrency limit), the completion delivery (lease check, listener, recording the
 * delivery) and the leases on the store; every call on a client goes through one adapter.
 * All of them log under the category {@code io.qhub.tracking.HubExecutionTracker}.
 */
@NullMarked
package io.qhub.tracking;

import org.jspecify.annotations.NullMarked;
