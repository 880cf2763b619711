package io.qhub.service.client;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.qhub.service.client.internal.GatewayEndpoint;
import io.qhub.service.client.internal.GatewayExchange;
import io.qhub.service.client.internal.GatewayJson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The seven gateway operations, one method each, named after the OpenAPI spec's operationIds and sent exactly as
 * the official SDK sends them. This is the reactive core; {@link ServiceApiClient} is its blocking form. Every
 * error arrives as a {@link HubClientException}: {@link HubApiException} for a non-2xx answer,
 * {@link HubTokenException} when no token could be obtained, {@link HubTransportException} otherwise.
 * Thread-safe.
 */
public final class ReactiveServiceApiClient {

	static final String GET_SERVICE_EXECUTIONS = "GET /";

	static final String START_EXECUTION = "POST /";

	static final String GET_STATUS = "GET /{id}";

	static final String GET_RESULT = "GET /{id}/result";

	static final String GET_RESULT_FILE = "GET /{id}/result/{file}";

	static final String GET_LOGS = "GET /{id}/log";

	static final String CANCEL_EXECUTION = "PUT /{id}/cancel";

	private static final MediaType[] JSON = { MediaType.APPLICATION_JSON, MediaType.valueOf("application/hal+json") };

	private final WebClient webClient;

	private final GatewayEndpoint endpoint;

	private final GatewayJson json;

	private final GatewayExchange exchange;

	ReactiveServiceApiClient(WebClient webClient, GatewayEndpoint endpoint, GatewayJson json,
			GatewayExchange exchange) {
		this.webClient = webClient;
		this.endpoint = endpoint;
		this.json = json;
		this.exchange = exchange;
	}

	/**
	 * {@code GET /}: every execution visible to the application.
	 * @return the executions
	 */
	public Mono<List<ServiceExecution>> getServiceExecutions() {
		return this.exchange.json(GET_SERVICE_EXECUTIONS, get(this.endpoint.root()), this.json::readExecutions);
	}

	/**
	 * {@code POST /}: starts an execution with the given request body (each top-level key is a parameter of the
	 * service). Expects 201 with a {@code Location} header; when the body lacks an id, it is taken from the
	 * {@code Location}. Never retried once the request may have reached the gateway.
	 * @param body the request body, serialised as a JSON object
	 * @return the new execution
	 */
	public Mono<ServiceExecution> startExecution(Map<String, ?> body) {
		Objects.requireNonNull(body, "body must not be null");
		return Mono.fromCallable(() -> this.json.write(body))
			.flatMap((bytes) -> this.exchange.json(START_EXECUTION,
					this.webClient.post()
						.uri(this.endpoint.root())
						.accept(JSON)
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(bytes),
					(response, headers) -> withIdFromLocation(this.json.readExecution(response), headers)));
	}

	/**
	 * {@code GET /{id}}: the execution's current state.
	 * @param id the execution id
	 * @return the execution
	 */
	public Mono<ServiceExecution> getStatus(String id) {
		return this.exchange.json(GET_STATUS, get(this.endpoint.resolve(requireText(id, "id"))),
				this.json::readExecution);
	}

	/**
	 * {@code GET /{id}/result}: the execution's result with its HAL links.
	 * @param id the execution id
	 * @return the result
	 */
	public Mono<ResultResponse> getResult(String id) {
		return this.exchange.json(GET_RESULT, get(this.endpoint.resolve(requireText(id, "id"), "result")),
				this.json::readResult);
	}

	/**
	 * {@code GET /{id}/result/{file}}: one result file as a stream of buffers. The file is never held in memory
	 * as a whole; the subscriber must release each buffer (e.g. with {@code DataBufferUtils.write} to a file).
	 * @param id the execution id
	 * @param file the file name, as listed by {@link ResultResponse#fileNames()}
	 * @return the file content
	 */
	public Flux<DataBuffer> getResultFile(String id, String file) {
		return openResultFile(id, file).flatMapMany(ResponseEntity::getBody);
	}

	/**
	 * Like {@link #getResultFile(String, String)}, but completes once the status and headers have arrived, so a
	 * non-2xx answer fails before any byte of the body is consumed.
	 * @param id the execution id
	 * @param file the file name
	 * @return the response whose body streams the file
	 */
	public Mono<ResponseEntity<Flux<DataBuffer>>> openResultFile(String id, String file) {
		URI uri = this.endpoint.resolve(requireText(id, "id"), "result", requireText(file, "file"));
		return this.exchange.stream(GET_RESULT_FILE, this.webClient.get().uri(uri).accept(MediaType.ALL));
	}

	/**
	 * {@code GET /{id}/log}: the execution's log, oldest entry first.
	 * @param id the execution id
	 * @return the log entries
	 */
	public Mono<List<LogEntry>> getLogs(String id) {
		return this.exchange.json(GET_LOGS, get(this.endpoint.resolve(requireText(id, "id"), "log")),
				this.json::readLogs);
	}

	/**
	 * {@code PUT /{id}/cancel}: cancels a pending or running execution.
	 * @param id the execution id
	 * @return the execution as the gateway reports it after cancelling
	 */
	public Mono<ServiceExecution> cancelExecution(String id) {
		return this.exchange.json(CANCEL_EXECUTION,
				this.webClient.put().uri(this.endpoint.resolve(requireText(id, "id"), "cancel")).accept(JSON),
				this.json::readExecution);
	}

	private WebClient.RequestHeadersSpec<?> get(URI uri) {
		return this.webClient.get().uri(uri).accept(JSON);
	}

	private static ServiceExecution withIdFromLocation(ServiceExecution execution, HttpHeaders headers) {
		String location = headers.getFirst(HttpHeaders.LOCATION);
		if (execution.id() != null || location == null) {
			return execution;
		}
		String path = URI.create(location).getPath();
		String id = path.substring(path.lastIndexOf('/') + 1);
		return id.isEmpty() ? execution : new ServiceExecution(id, execution.status(), execution.type(),
				execution.createdAt(), execution.startedAt(), execution.endedAt(), execution.serviceId(),
				execution.serviceDefinitionId(), execution.applicationId(), execution.tags());
	}

	static String requireText(String value, String name) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be null or empty");
		}
		return value;
	}

	@Override
	public String toString() {
		return "ReactiveServiceApiClient[endpoint=" + this.endpoint + "]";
	}

}
