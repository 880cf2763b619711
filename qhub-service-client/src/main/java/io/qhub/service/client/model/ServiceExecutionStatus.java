package io.qhub.service.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Status of a service execution:
 * {@code PENDING → RUNNING → SUCCEEDED | FAILED | CANCELLED}. {@link #UNKNOWN} is
 * reported by the gateway when it cannot tell, and is also what any status value this
 * client does not know reads as, so a new server-side status never breaks
 * deserialisation.
 */
public enum ServiceExecutionStatus {

	/**
	 * The gateway cannot report a status, or the wire value is not one this client knows.
	 */
	UNKNOWN,
	/** Accepted, not yet started. */
	PENDING,
	/** Running. */
	RUNNING,
	/** Finished successfully (final). */
	SUCCEEDED,
	/** Cancelled (final). */
	CANCELLED,
	/** Finished with an error (final). */
	FAILED;

	/**
	 * Whether this is one of the final states {@link #SUCCEEDED}, {@link #FAILED} or
	 * {@link #CANCELLED}.
	 * @return {@code true} for a final state
	 */
	public boolean isFinal() {
		return this == SUCCEEDED || this == CANCELLED || this == FAILED;
	}

	/**
	 * Reads a wire value leniently: case-insensitive, and {@link #UNKNOWN} for null or an
	 * unknown value.
	 * @param value the wire value
	 * @return the status, never {@code null}
	 */
	@JsonCreator
	public static ServiceExecutionStatus fromValue(@Nullable String value) {
		return WireEnums.lenient(ServiceExecutionStatus.class, value, UNKNOWN);
	}

}
