package io.qhub.service.client.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A service execution as the gateway reports it ({@code ServiceExecution} schema).
 * Unknown JSON fields are ignored. Timestamps are read from ISO-8601 or from the spec's
 * {@code yyyy-MM-dd HH:mm:ss} (taken as UTC); a timestamp that cannot be parsed reads as
 * {@code null} instead of failing the call.
 *
 * @param id unique identifier of the execution
 * @param status current status, {@link ServiceExecutionStatus#UNKNOWN} when absent or
 * unknown
 * @param type {@code MANAGED} or {@code WORKFLOW}, when reported
 * @param createdAt when the execution was created
 * @param startedAt when it started running, {@code null} until then
 * @param endedAt when it reached a final state, {@code null} until then
 * @param serviceId id of the underlying service, when reported
 * @param serviceDefinitionId id of the service definition, when reported
 * @param applicationId id of the requesting application, when reported
 * @param tags tags attached to the execution, empty when none are reported
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceExecution(@Nullable String id, ServiceExecutionStatus status, @Nullable ServiceExecutionType type,
		@Nullable Instant createdAt, @Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable String serviceId,
		@Nullable String serviceDefinitionId, @Nullable String applicationId, List<String> tags) {

	/**
	 * Normalises absent values: a missing status reads as {@code UNKNOWN}, missing tags
	 * as an empty list.
	 */
	public ServiceExecution {
		status = (status != null) ? status : ServiceExecutionStatus.UNKNOWN;
		tags = (tags != null) ? List.copyOf(tags) : List.of();
	}

	/**
	 * A copy with another id.
	 * @param id the id
	 * @return the copy
	 */
	public ServiceExecution withId(String id) {
		return new ServiceExecution(id, this.status, this.type, this.createdAt, this.startedAt, this.endedAt,
				this.serviceId, this.serviceDefinitionId, this.applicationId, this.tags);
	}

	/**
	 * Creates an execution with just an id and a status, as a test or a local gateway
	 * would.
	 * @param id the execution id
	 * @param status the status
	 * @return a new execution
	 */
	public static ServiceExecution of(String id, ServiceExecutionStatus status) {
		return new ServiceExecution(id, status, null, null, null, null, null, null, null, List.of());
	}

}
