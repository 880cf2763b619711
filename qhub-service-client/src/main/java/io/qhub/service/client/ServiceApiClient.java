package io.qhub.service.client;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.core.HubClientException;

/**
 * Blocking form of the seven gateway operations ({@link ReactiveServiceApiClient}), named
 * after the spec's operationIds. Each method blocks the calling thread until the answer
 * arrives and throws a {@link HubClientException} on failure, within the client's
 * {@code callTimeout}. Calling it on a Reactor non-blocking thread fails fast with an
 * {@link IllegalStateException}; use {@link #reactive()} there. Thread-safe.
 */
public final class ServiceApiClient {

	private final ReactiveServiceApiClient reactive;

	ServiceApiClient(ReactiveServiceApiClient reactive) {
		this.reactive = reactive;
	}

	/**
	 * The reactive core these methods delegate to.
	 * @return the reactive client
	 */
	public ReactiveServiceApiClient reactive() {
		return this.reactive;
	}

	/**
	 * {@code GET /}: every execution visible to the application.
	 * @return the executions
	 */
	public List<ServiceExecution> getServiceExecutions() {
		return Blocking.await(this.reactive.getServiceExecutions());
	}

	/**
	 * {@code POST /}: starts an execution.
	 * @param body the request body; each top-level key is a parameter of the service
	 * @return the new execution
	 */
	public ServiceExecution startExecution(Map<String, ?> body) {
		return Blocking.await(this.reactive.startExecution(body));
	}

	/**
	 * {@code GET /{id}}: the execution's current state.
	 * @param id the execution id
	 * @return the execution
	 */
	public ServiceExecution getStatus(String id) {
		return Blocking.await(this.reactive.getStatus(id));
	}

	/**
	 * {@code GET /{id}/result}: the execution's result.
	 * @param id the execution id
	 * @return the result
	 */
	public ResultResponse getResult(String id) {
		return Blocking.await(this.reactive.getResult(id));
	}

	/**
	 * {@code GET /{id}/result/{file}}: opens a result file as a stream. Returns once the
	 * gateway has answered with a 2xx status (a 404 throws here, not on the first read);
	 * the body is streamed with bounded buffering as it is read. The caller must close
	 * the stream, which also releases the connection.
	 * @param id the execution id
	 * @param file the file name
	 * @return the open stream
	 */
	public InputStream getResultFile(String id, String file) {
		return Blocking.stream(this.reactive.openResultFile(id, file));
	}

	/**
	 * {@code GET /{id}/log}: the execution's log, oldest entry first.
	 * @param id the execution id
	 * @return the log entries
	 */
	public List<LogEntry> getLogs(String id) {
		return Blocking.await(this.reactive.getLogs(id));
	}

	/**
	 * {@code PUT /{id}/cancel}: cancels a pending or running execution.
	 * @param id the execution id
	 * @return the execution after cancelling
	 */
	public ServiceExecution cancelExecution(String id) {
		return Blocking.await(this.reactive.cancelExecution(id));
	}

	@Override
	public String toString() {
		return "ServiceApiClient[" + this.reactive + "]";
	}

}
