/**
 * Tracking of long-running Kipu Quantum Hub executions, on top of the service client: the
 * {@link io.qhub.tracking.HubExecutionTracker}, its stores and the JDBC store's schema
 * ({@code io/qhub/tracking/schema-*.sql}). Spring's JDBC support ({@code spring.jdbc}, {@code spring.tx}) and
 * {@code java.sql} are needed only by {@link io.qhub.tracking.JdbcTrackedExecutionStore}. No Spring Boot and no
 * Spring application context: the completion is a plain record.
 */
module io.qhub.tracking {

	requires transitive io.qhub.service.client;
	requires org.apache.commons.logging;
	requires static org.jspecify;
	requires static transitive spring.jdbc;
	requires static spring.tx;
	requires static transitive java.sql;

	exports io.qhub.tracking;

}
