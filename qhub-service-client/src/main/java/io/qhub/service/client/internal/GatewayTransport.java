package io.qhub.service.client.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.qhub.service.client.FailureKind;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubTransportException;
import io.qhub.service.client.InvalidSettingException;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The seven gateway operations on the wire, over one {@link Transport} with bearer tokens. What the public
 * {@code ReactiveServiceApiClient} delegates to. Internal: not exported by the module, may change in any release.
 */
public final class GatewayTransport implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(GatewayTransport.class);

	/** The host of the Kipu Quantum Hub gateway, whose token endpoint is the default for its services. */
	static final String HUB_GATEWAY_HOST = URI.create(HubServiceClient.DEFAULT_TOKEN_ENDPOINT).getHost();

	private final GatewayJson json = new GatewayJson();

	private final RequestJson requests = new RequestJson();

	private final Exchange exchange;

	private final TokenSource tokens;

	private final boolean anonymous;

	private final String description;

	private GatewayTransport(Transport transport, Endpoint service, TokenSource tokens, boolean anonymous,
			String description) {
		this.exchange = new Exchange(transport, service, new Credentials.Bearer(tokens));
		this.tokens = tokens;
		this.anonymous = anonymous;
		this.description = description;
	}

	/**
	 * Builds the transport of one service.
	 * @param context settings, observation, clock
	 * @param serviceEndpoint the service endpoint URL
	 * @param tokenEndpoint the token endpoint URL; {@code null} for the default: the Hub's token endpoint for a
	 * service on the Hub's gateway host, else {@code <service origin>/token}
	 * @param accessKeyId the access key id, or {@code null} with the secret for anonymous use
	 * @param secretAccessKey the secret access key, or {@code null}
	 * @param tokenRefreshBeforeExpiry how long before expiry a token is renewed
	 * @return the transport
	 * @throws InvalidSettingException naming the setting when an endpoint is malformed or half a key pair is given
	 */
	public static GatewayTransport create(TransportContext unnamed, @Nullable String serviceEndpoint,
			@Nullable String tokenEndpoint, @Nullable String accessKeyId, @Nullable String secretAccessKey,
			Duration tokenRefreshBeforeExpiry) {
		Endpoint service = Endpoint.parse(Objects.requireNonNullElse(serviceEndpoint, ""), "serviceEndpoint");
		TransportContext context = unnamed.named(service.path());
		boolean hasId = accessKeyId != null && !accessKeyId.isBlank();
		boolean hasSecret = secretAccessKey != null && !secretAccessKey.isBlank();
		if (hasId != hasSecret) {
			throw new InvalidSettingException(hasId ? "secretAccessKey" : "accessKeyId",
					"must be set together with " + (hasId ? "accessKeyId" : "secretAccessKey") + ", or neither be set",
					null);
		}
		Endpoint configuredToken = (tokenEndpoint != null) ? Endpoint.parse(tokenEndpoint, "tokenEndpoint") : null;
		InsecureEndpointWarning.check(service, "service endpoint");
		if (!hasId) {
			Transport transport = new Transport(context);
			return new GatewayTransport(transport, service, new AnonymousTokens(), true,
					"endpoint=" + service + ", auth=anonymous");
		}
		Endpoint token = (configuredToken != null) ? configuredToken : defaultTokenEndpoint(service);
		InsecureEndpointWarning.check(token, "token endpoint");
		Transport transport = new Transport(context);
		try {
			TokenSource tokens = new ClientCredentialsTokens(transport, token, accessKeyId, secretAccessKey,
					tokenRefreshBeforeExpiry);
			return new GatewayTransport(transport, service, tokens, false, "endpoint=" + service + ", auth=" + tokens);
		}
		catch (RuntimeException ex) {
			transport.close();
			throw ex;
		}
	}

	private static Endpoint defaultTokenEndpoint(Endpoint service) {
		if (service.host().equalsIgnoreCase(HUB_GATEWAY_HOST)) {
			return Endpoint.parse(HubServiceClient.DEFAULT_TOKEN_ENDPOINT, "tokenEndpoint");
		}
		Endpoint derived = service.sibling("/token");
		logger.info("No token endpoint is set for the service endpoint " + service + ", which is not on the Hub's "
				+ "gateway (" + HUB_GATEWAY_HOST + "): using " + derived + ", so its keys never travel to the Hub");
		return derived;
	}

	/**
	 * {@code GET /}.
	 * @param budget deadline and retry
	 * @return the executions
	 */
	public Mono<List<ServiceExecution>> getServiceExecutions(CallBudget budget) {
		return this.exchange.json(Call.get("/", List.of(), FailureKind.PERMANENT,
				(body, headers) -> this.json.readExecutions(body)), budget);
	}

	/**
	 * The top-level fields of a run request: a map as it is, a record or bean by its properties (see
	 * {@link RequestJson}).
	 * @param request the request
	 * @return the fields by name
	 * @throws IllegalArgumentException when the request is not JSON data or not a JSON object
	 */
	public Map<String, ?> requestFields(Object request) {
		return this.requests.fields(request);
	}

	/**
	 * {@code POST /}: sent once; retried only when the connection could not be opened. The body must be JSON data
	 * (see {@link RequestJson}); anything else fails with an {@link IllegalArgumentException} before any request.
	 * @param body the request body
	 * @param secrets values in the body that must never be shown ({@code $secrets} values, grant JWTs)
	 * @return the new execution
	 */
	public Mono<ServiceExecution> startExecution(Map<String, ?> body, List<String> secrets) {
		return Mono.fromCallable(() -> this.requests.write(body))
			.flatMap((bytes) -> this.exchange.json(new Call<>("POST /", HttpMethod.POST, "/", List.of(), bytes, false,
					FailureKind.PERMANENT, (answer, headers) -> withIdFromLocation(this.json.readExecution(answer),
							headers), secrets), CallBudget.DEFAULT));
	}

	/**
	 * {@code GET /{id}}.
	 * @param id the execution id
	 * @param budget deadline and retry
	 * @return the execution
	 */
	public Mono<ServiceExecution> getStatus(String id, CallBudget budget) {
		return this.exchange.json(Call.get("/{id}", List.of(id), FailureKind.PERMANENT,
				(body, headers) -> sameExecution("GET /{id}", id, this.json.readExecution(body))), budget);
	}

	/**
	 * {@code GET /{id}/result}; a 404 is {@link FailureKind#NOT_YET_AVAILABLE}.
	 * @param id the execution id
	 * @param budget deadline and retry
	 * @return the result
	 */
	public Mono<ResultResponse> getResult(String id, CallBudget budget) {
		return this.exchange.json(Call.get("/{id}/result", List.of(id), FailureKind.NOT_YET_AVAILABLE,
				(body, headers) -> sameExecution(id, this.json.readResult(body))), budget);
	}

	/**
	 * {@code GET /{id}/result/{file}}, streamed.
	 * @param id the execution id
	 * @param file the file name
	 * @return the response whose body streams the file
	 */
	public Mono<ResponseEntity<Flux<DataBuffer>>> openResultFile(String id, String file) {
		return this.exchange.stream(Call.get("/{id}/result/{file}", List.of(id, file), FailureKind.PERMANENT,
				(body, headers) -> body), CallBudget.DEFAULT);
	}

	/**
	 * {@code GET /{id}/result/{file}}, read whole, up to {@code maxJsonBodySize}, within the call timeout: a JSON
	 * result file to be read as a type.
	 * @param id the execution id
	 * @param file the file name
	 * @return the file's bytes
	 */
	public Mono<byte[]> getResultFileBytes(String id, String file) {
		return this.exchange.json(Call.get("/{id}/result/{file}", List.of(id, file), FailureKind.PERMANENT,
				(body, headers) -> body), CallBudget.DEFAULT);
	}

	/**
	 * {@code GET /{id}/log}.
	 * @param id the execution id
	 * @return the entries
	 */
	public Mono<List<LogEntry>> getLogs(String id) {
		return this.exchange.json(Call.get("/{id}/log", List.of(id), FailureKind.PERMANENT,
				(body, headers) -> this.json.readLogs(body)), CallBudget.DEFAULT);
	}

	/**
	 * {@code PUT /{id}/cancel}.
	 * @param id the execution id
	 * @return the execution after cancelling
	 */
	public Mono<ServiceExecution> cancelExecution(String id) {
		return this.exchange.json(new Call<>("PUT /{id}/cancel", HttpMethod.PUT, "/{id}/cancel", List.of(id), null,
				true, FailureKind.PERMANENT,
				(body, headers) -> sameExecution("PUT /{id}/cancel", id, this.json.readExecution(body)), List.of()),
				CallBudget.DEFAULT);
	}

	/**
	 * Completes when a gateway token can be had (a cached one counts); at once without a key pair.
	 * @return completes, or fails with the token failure
	 */
	public Mono<Void> checkCredentials() {
		return this.exchange.credentials().authorize().then();
	}

	/**
	 * Checks now that the key pair gets a token: one token request, no retry, within the timeout; the new token
	 * replaces the cached one. At once without a key pair.
	 * @param timeout the longest time the check takes
	 * @return completes, or fails with the token or transport failure
	 */
	public Mono<Void> probe(Duration timeout) {
		return this.tokens.probe(timeout);
	}

	/**
	 * Whether the transport runs without a key pair.
	 * @return {@code true} when anonymous
	 */
	public boolean isAnonymous() {
		return this.anonymous;
	}

	/**
	 * The service endpoint, user-info masked.
	 * @return the endpoint
	 */
	public String serviceEndpoint() {
		return this.exchange.endpoint().toString();
	}

	/**
	 * The service endpoint's path, e.g. {@code acme/qft-simulator/1.0.0}.
	 * @return the path
	 */
	public String servicePath() {
		return this.exchange.endpoint().path();
	}

	/**
	 * An answer about one execution is that execution's: without an id it is taken as that execution; with another
	 * id it is refused, never followed.
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

	@Override
	public void close() {
		this.exchange.close();
	}

	@Override
	public String toString() {
		return this.description;
	}

}
