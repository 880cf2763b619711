/**
 * The gateway's data types as records and forward-compatible enums, named after the
 * schemas of the service's OpenAPI spec:
 * {@link io.qhub.service.client.model.ServiceExecution},
 * {@link io.qhub.service.client.model.ServiceExecutionStatus},
 * {@link io.qhub.service.client.model.ResultResponse},
 * {@link io.qhub.service.client.model.HalLink} and
 * {@link io.qhub.service.client.model.LogEntry}. Unknown JSON fields are ignored and
 * unknown enum values read as {@code UNKNOWN}, so a newer gateway never breaks this
 * client.
 */
@NullMarked
package io.qhub.service.client.model;

import org.jspecify.annotations.NullMarked;
