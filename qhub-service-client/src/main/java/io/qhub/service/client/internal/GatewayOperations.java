package io.qhub.service.client.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.core.internal.Call;
import io.qhub.service.core.internal.CallBudget;
import io.qhub.service.core.internal.Exchange;
import io.qhub.service.core.internal.TransportContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The seven gateway operations on the wire, each written once here, named after the
 * OpenAPI spec's operationIds and sent as the official SDK sends them, over one
 * {@link Exchange} with bearer tokens: what the execution handles and the low-level
 * {@code api()} view call. Every answer about one execution must be about that execution
 * (see {@link #sameExecution}). Internal: not exported by the module, may change in any
 * release.
 */
public final class GatewayOperations implements AutoCloseable {

	/**
	 * The Kipu Quantum Hub gateway's OAuth2 token endpoint, the default for a service on
	 * the Hub's gateway.
	 */
	public static final String HUB_TOKEN_ENDPOINT = "https://gateway.hub.kipu-quantum.com/token";

	private final GatewayJson json = new GatewayJson();

	private final RequestJson requests = new RequestJson();

	private final Exchange exchange;

	private GatewayOperations(Exchange exchange) {
		this.exchange = exchange;
	}

	/**
	 * The operations of one service.
	 * @param context settings, observation, clock
	 * @param serviceEndpoint the service endpoint URL
	 * @param tokenEndpoint the token endpoint URL; {@code null} for the default:
	 * {@link #HUB_TOKEN_ENDPOINT} for a service on the Hub's gateway host, else
	 * {@code <service origin>/token}
	 * @param accessKeyId the access key id, or {@code null} with the secret for anonymous
	 * use
	 * @param secretAccessKey the secret access key, or {@code null}
	 * @param tokenRefreshBeforeExpiry how long before expiry a token is renewed
	 * @return the operations
	 * @throws InvalidSettingException naming the setting when an endpoint is malformed or
	 * half a key pair is given
	 */
	public static GatewayOperations create(TransportContext context, @Nullable String serviceEndpoint,
			@Nullable String tokenEndpoint, @Nullable String accessKeyId, @Nullable String secretAccessKey,
			Duration tokenRefreshBeforeExpiry) {
		return new GatewayOperations(Exchange.gateway(context, serviceEndpoint, tokenEndpoint, accessKeyId,
				secretAccessKey, tokenRefreshBeforeExpiry, HUB_TOKEN_ENDPOINT));
	}

	/**
	 * {@code GET /}: every execution visible to the application.
	 * @return the executions
	 */
	public Mono<List<ServiceExecution>> getServiceExecutions() {
		return this.exchange.json(
				Call.get("/", List.of(), FailureKind.PERMANENT, (body, headers) -> this.json.readExecutions(body)),
				CallBudget.DEFAULT);
	}

	/**
	 * {@code GET /}, read as it streams: the executions one by one, in the order listed,
	 * each element up to {@code maxJsonBodySize} (the limit applies per element, so a
	 * list of any length can be read), the body bounded by the read timeout between two
	 * reads. Sent with the transport retry until the answer's headers have arrived; an
	 * answer cut or stalled after that fails with a transient
	 * {@link HubTransportException} after the executions read before.
	 * @return the executions
	 */
	public Flux<ServiceExecution> listServiceExecutions() {
		return this.exchange.jsonElements(
				Call.get("/", List.of(), FailureKind.PERMANENT, (body, headers) -> List.<ServiceExecution>of()),
				CallBudget.DEFAULT, this.json::readExecutions);
	}

	/**
	 * The top-level fields of a run request: a map as it is, a record or bean by its
	 * properties (see {@link RequestJson}).
	 * @param request the request
	 * @return the fields by name
	 * @throws IllegalArgumentException when the request is not JSON data or not a JSON
	 * object
	 */
	public Map<String, ?> requestFields(Object request) {
		return this.requests.fields(request);
	}

	/**
	 * {@code POST /}: sent once; retried only when the connection could not be opened.
	 * The body must be JSON data (see {@link RequestJson}); anything else fails with an
	 * {@link IllegalArgumentException} before any request. When the answer's body lacks
	 * an id, it is taken from the {@code Location} header.
	 * @param body the request body
	 * @param secrets values in the body that must never be shown ({@code $secrets}
	 * values, grant JWTs)
	 * @return the new execution
	 */
	public Mono<ServiceExecution> startExecution(Map<String, ?> body, List<String> secrets) {
		return Mono.fromCallable(() -> this.requests.write(body))
			.flatMap((bytes) -> this.exchange.json(
					new Call<>("POST /", HttpMethod.POST, "/", List.of(), bytes, false, FailureKind.PERMANENT,
							(answer, headers) -> withIdFromLocation(this.json.readExecution(answer), headers), secrets),
					CallBudget.DEFAULT));
	}

	/**
	 * {@code GET /{id}}: the execution's current state, within the call timeout, with the
	 * transport retry.
	 * @param id the execution id
	 * @return the execution
	 */
	public Mono<ServiceExecution> getStatus(String id) {
		return getStatus(id, CallBudget.DEFAULT);
	}

	/**
	 * {@code GET /{id}}: the execution's current state.
	 * @param id the execution id
	 * @param budget deadline and retry
	 * @return the execution
	 */
	public Mono<ServiceExecution> getStatus(String id, CallBudget budget) {
		return this.exchange.json(Call.get("/{id}", List.of(requireText(id, "id")), FailureKind.PERMANENT,
				(body, headers) -> sameExecution("GET /{id}", id, this.json.readExecution(body))), budget);
	}

	/**
	 * {@code GET /{id}/result}, within the call timeout, with the transport retry.
	 * @param id the execution id
	 * @return the result
	 */
	public Mono<ResultResponse> getResult(String id) {
		return getResult(id, CallBudget.DEFAULT);
	}

	/**
	 * {@code GET /{id}/result}; a 404 is {@link FailureKind#NOT_YET_AVAILABLE}.
	 * @param id the execution id
	 * @param budget deadline and retry
	 * @return the result
	 */
	public Mono<ResultResponse> getResult(String id, CallBudget budget) {
		return this.exchange.json(Call.get("/{id}/result", List.of(requireText(id, "id")),
				FailureKind.NOT_YET_AVAILABLE, (body, headers) -> sameExecution(id, this.json.readResult(body))),
				budget);
	}

	/**
	 * {@code GET /{id}/result/{file}}, streamed: completes once a 2xx status and the
	 * headers have arrived, so a non-2xx answer fails before any byte of the body is
	 * consumed.
	 * @param id the execution id
	 * @param file the file name
	 * @return the response whose body streams the file
	 */
	public Mono<ResponseEntity<Flux<DataBuffer>>> openResultFile(String id, String file) {
		return this.exchange
			.stream(Call.get("/{id}/result/{file}", List.of(requireText(id, "id"), requireText(file, "file")),
					FailureKind.PERMANENT, (body, headers) -> body), CallBudget.DEFAULT);
	}

	/**
	 * {@code GET /{id}/result/{file}} as a stream of buffers, which the subscriber must
	 * release.
	 * @param id the execution id
	 * @param file the file name
	 * @return the file's bytes
	 */
	public Flux<DataBuffer> getResultFile(String id, String file) {
		return openResultFile(id, file).flatMapMany((response) -> {
			Flux<DataBuffer> body = response.getBody();
			return (body != null) ? body : Flux.empty();
		});
	}

	/**
	 * {@code GET /{id}/result/{file}}, read whole, up to {@code maxJsonBodySize}, within
	 * the call timeout: a JSON result file to be read as a type.
	 * @param id the execution id
	 * @param file the file name
	 * @return the file's bytes
	 */
	public Mono<byte[]> getResultFileBytes(String id, String file) {
		return this.exchange
			.json(Call.get("/{id}/result/{file}", List.of(requireText(id, "id"), requireText(file, "file")),
					FailureKind.PERMANENT, (body, headers) -> body), CallBudget.DEFAULT);
	}

	/**
	 * {@code GET /{id}/log}: the execution's log, oldest entry first.
	 * @param id the execution id
	 * @return the entries
	 */
	public Mono<List<LogEntry>> getLogs(String id) {
		return this.exchange.json(Call.get("/{id}/log", List.of(requireText(id, "id")), FailureKind.PERMANENT,
				(body, headers) -> this.json.readLogs(body)), CallBudget.DEFAULT);
	}

	/**
	 * {@code PUT /{id}/cancel}: cancels a pending or running execution.
	 * @param id the execution id
	 * @return the execution after cancelling
	 */
	public Mono<ServiceExecution> cancelExecution(String id) {
		return this.exchange.json(new Call<>("PUT /{id}/cancel", HttpMethod.PUT, "/{id}/cancel",
				List.of(requireText(id, "id")), null, true, FailureKind.PERMANENT,
				(body, headers) -> sameExecution("PUT /{id}/cancel", id, this.json.readExecution(body)), List.of()),
				CallBudget.DEFAULT);
	}

	/**
	 * Completes when a gateway token can be had (a cached one counts); at once without a
	 * key pair.
	 * @return completes, or fails with the token failure
	 */
	public Mono<Void> checkCredentials() {
		return this.exchange.checkCredentials();
	}

	/**
	 * Checks now that the key pair gets a token: one token request, no retry, within the
	 * timeout.
	 * @param timeout the longest time the check takes
	 * @return completes, or fails with the token or transport failure
	 */
	public Mono<Void> probe(Duration timeout) {
		return this.exchange.probe(timeout);
	}

	/**
	 * Whether the operations run without a key pair.
	 * @return {@code true} when anonymous
	 */
	public boolean isAnonymous() {
		return this.exchange.isAnonymous();
	}

	/**
	 * The service endpoint, user-info masked.
	 * @return the endpoint
	 */
	public String serviceEndpoint() {
		return this.exchange.endpointUrl();
	}

	/**
	 * The service endpoint's path, e.g. {@code acme/qft-simulator/1.0.0}.
	 * @return the path
	 */
	public String servicePath() {
		return this.exchange.endpointPath();
	}

	private static String requireText(@Nullable String value, String name) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be null or empty");
		}
		return value;
	}

	/**
	 * An answer about one execution is that execution's: without an id it is taken as
	 * that execution; with another id it is refused, never followed.
	 * @param operation the operation that answered, named in the exception
	 * @param id the id of the execution asked about
	 * @param answer the execution the gateway answered with
	 * @return the answer, with {@code id} filled in when it had none
	 * @throws HubTransportException when the answer names another execution
	 */
	private static ServiceExecution sameExecution(String operation, String id, ServiceExecution answer) {
		if (answer.id() == null) {
			return answer.withId(id);
		}
		if (!answer.id().equals(id)) {
			throw new HubTransportException(operation, operation + " for execution " + id
					+ " answered for another execution, " + answer.id() + "; the answer was not used", null,
					FailureKind.PERMANENT, true);
		}
		return answer;
	}

	private static ResultResponse sameExecution(String id, ResultResponse result) {
		ServiceExecution embedded = result.embedded().status();
		if (embedded == null) {
			return result;
		}
		return new ResultResponse(result.links(),
				new ResultResponse.Embedded(sameExecution("GET /{id}/result", id, embedded)), result.properties());
	}

	private static ServiceExecution withIdFromLocation(ServiceExecution execution, HttpHeaders headers) {
		String location = headers.getFirst(HttpHeaders.LOCATION);
		if (execution.id() != null || location == null) {
			return execution;
		}
		String path = URI.create(location).getPath();
		String id = path.substring(path.lastIndexOf('/') + 1);
		return id.isEmpty() ? execution : execution.withId(id);
	}

	/**
	 * Releases the connection pool and forgets the credentials; calls afterwards fail.
	 */
	@Override
	public void close() {
		this.exchange.close();
	}

	@Override
	public String toString() {
		return this.exchange.toString();
	}

}
