package io.qhub.autoconfigure.tracking;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the execution tracker: {@code qhub.tracking.*}.
 */
@ConfigurationProperties("qhub.tracking")
public class HubTrackingProperties {

	/**
	 * Where tracked executions are kept: in this JVM only (memory), or in the
	 * application's DataSource (jdbc), so that tracking survives restarts and is shared
	 * by instances.
	 */
	private Store store = Store.MEMORY;

	/**
	 * How long a claimed execution belongs to one instance: the longest the executions of
	 * an instance that died wait to be taken over. A completion listener must return
	 * within half of it.
	 */
	private Duration lease = Duration.ofSeconds(30);

	/**
	 * How often executions due for a status poll are claimed; at most a third of the
	 * lease.
	 */
	private Duration tick = Duration.ofSeconds(1);

	/**
	 * Most status polls of tracked executions in flight at once, per instance.
	 */
	private int maxConcurrency = 32;

	/**
	 * This instance's id in leases; a random UUID when not set. Must differ between
	 * instances sharing a database.
	 */
	private @Nullable String instanceId;

	private final Jdbc jdbc = new Jdbc();

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		this.lease = lease;
	}

	public Duration getTick() {
		return this.tick;
	}

	public void setTick(Duration tick) {
		this.tick = tick;
	}

	public int getMaxConcurrency() {
		return this.maxConcurrency;
	}

	public void setMaxConcurrency(int maxConcurrency) {
		this.maxConcurrency = maxConcurrency;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	/** Where tracked executions are kept. */
	public enum Store {

		/** In this JVM; forgotten when it stops. */
		MEMORY,

		/** In the application's DataSource, table QHUB_TRACKED_EXECUTION. */
		JDBC

	}

	/**
	 * When the schema is created (Spring Boot's database initialization modes, kept apart
	 * so that this class loads without Spring Boot's SQL support on the class path).
	 */
	public enum SchemaInitialization {

		/** Only for an embedded database (H2, HSQLDB, Derby). */
		EMBEDDED,

		/** Always (the script uses CREATE ... IF NOT EXISTS). */
		ALWAYS,

		/** Never: the application creates the table. */
		NEVER

	}

	/**
	 * Settings of the JDBC store's schema, as Spring Session's
	 * {@code spring.session.jdbc.*}.
	 */
	public static class Jdbc {

		/**
		 * When to create the QHUB_TRACKED_EXECUTION table: embedded (only for an embedded
		 * database such as H2), always, or never (create it yourself, e.g. with Flyway,
		 * from the shipped script).
		 */
		private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

		/**
		 * Location of the schema script; @@platform@@ is replaced by the database (h2,
		 * postgresql).
		 */
		private String schema = "classpath:io/qhub/tracking/schema-@@platform@@.sql";

		/**
		 * Database name used in @@platform@@ of the schema location; detected from the
		 * DataSource when not set.
		 */
		private @Nullable String platform;

		public SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getSchema() {
			return this.schema;
		}

		public void setSchema(String schema) {
			this.schema = schema;
		}

		public @Nullable String getPlatform() {
			return this.platform;
		}

		public void setPlatform(@Nullable String platform) {
			this.platform = platform;
		}

	}

}
