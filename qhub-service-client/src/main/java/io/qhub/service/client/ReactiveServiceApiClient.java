package io.qhub.service.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.qhub.service.client.internal.GatewayOperations;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.core.HubTransportException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;

/**
 * The low-level view of a client: the seven gateway operations as the gateway answers
 * them, named after the OpenAPI spec's operationIds, with no execution handle around them
 * (as openai-java's {@code withRawResponse()} is a view of its client).
 * {@link ServiceApiClient} is its blocking form. Each call ends within the client's
 * {@code callTimeout}, transport retries included, and reads at most
 * {@code maxJsonBodySize} of JSON. Every error arrives as a {@link HubClientException}:
 * {@link HubApiException} for a non-2xx answer, {@link HubTokenException} when the token
 * endpoint refused a token, {@link HubTransportException} otherwise. Thread-safe.
 */
public final class ReactiveServiceApiClient {

	private final GatewayOperations operations;

	ReactiveServiceApiClient(GatewayOperations operations) {
		this.operations = operations;
	}

	/**
	 * {@code GET /}: every execution visible to the application.
	 * @return the executions
	 */
	public Mono<List<ServiceExecution>> getServiceExecutions() {
		return this.operations.getServiceExecutions();
	}

	/**
	 * {@code POST /}: starts an execution with the given request body (each top-level key
	 * is a parameter of the service). Expects 201 with a {@code Location} header; when
	 * the body lacks an id, it is taken from the {@code Location}. Never retried once the
	 * request may have reached the gateway.
	 * @param body the request body, serialised as a JSON object
	 * @return the new execution
	 */
	public Mono<ServiceExecution> startExecution(Map<String, ?> body) {
		Objects.requireNonNull(body, "body must not be null");
		return this.operations.startExecution(body, List.of());
	}

	/**
	 * {@code GET /{id}}: the execution's current state.
	 * @param id the execution id
	 * @return the execution
	 */
	public Mono<ServiceExecution> getStatus(String id) {
		return this.operations.getStatus(id);
	}

	/**
	 * {@code GET /{id}/result}: the execution's result with its HAL links.
	 * @param id the execution id
	 * @return the result
	 */
	public Mono<ResultResponse> getResult(String id) {
		return this.operations.getResult(id);
	}

	/**
	 * {@code GET /{id}/result/{file}}: one result file as a stream of buffers. The file
	 * is never held in memory as a whole, nor limited in size or total time: once the
	 * answer has started, only silence longer than the read timeout ends it. The
	 * subscriber must release each buffer (e.g. with {@code DataBufferUtils.write} to a
	 * file).
	 * @param id the execution id
	 * @param file the file name, as listed by {@link ResultResponse#fileNames()}
	 * @return the file content
	 */
	public Flux<DataBuffer> getResultFile(String id, String file) {
		return this.operations.getResultFile(id, file);
	}

	/**
	 * Like {@link #getResultFile(String, String)}, but completes once the status and
	 * headers have arrived, so a non-2xx answer fails before any byte of the body is
	 * consumed.
	 * @param id the execution id
	 * @param file the file name
	 * @return the response whose body streams the file
	 */
	public Mono<ResponseEntity<Flux<DataBuffer>>> openResultFile(String id, String file) {
		return this.operations.openResultFile(id, file);
	}

	/**
	 * {@code GET /{id}/log}: the execution's log, oldest entry first.
	 * @param id the execution id
	 * @return the log entries
	 */
	public Mono<List<LogEntry>> getLogs(String id) {
		return this.operations.getLogs(id);
	}

	/**
	 * {@code PUT /{id}/cancel}: cancels a pending or running execution.
	 * @param id the execution id
	 * @return the execution as the gateway reports it after cancelling
	 */
	public Mono<ServiceExecution> cancelExecution(String id) {
		return this.operations.cancelExecution(id);
	}

	@Override
	public String toString() {
		return "ReactiveServiceApiClient[endpoint=" + this.operations.serviceEndpoint() + "]";
	}

}
