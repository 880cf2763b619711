package io.qhub.service.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Kind of a service execution, as reported by the gateway (not part of the OpenAPI
 * template; optional).
 */
public enum ServiceExecutionType {

	/** A value this client does not know. */
	UNKNOWN,
	/** A managed service execution. */
	MANAGED,
	/** A workflow execution. */
	WORKFLOW;

	/**
	 * Reads a wire value leniently: case-insensitive, {@link #UNKNOWN} for an unknown
	 * value.
	 * @param value the wire value
	 * @return the type, never {@code null}
	 */
	@JsonCreator
	public static ServiceExecutionType fromValue(@Nullable String value) {
		return WireEnums.lenient(ServiceExecutionType.class, value, UNKNOWN);
	}

}
