package io.qhub.service.core.internal;

import io.qhub.service.core.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.List;

import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.InvalidSettingException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import io.qhub.service.core.TransportSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Runs calls against one endpoint and turns every outcome into a value or a classified
 * {@link HubClientException}, enforcing what the client promises, whatever the server does:
 * <ul>
 * <li>every call ends by its {@link Deadline} (the call timeout, or the wait's deadline), retries and token
 * requests included;</li>
 * <li>a JSON answer is read up to {@code maxJsonBodySize}, an error answer up to {@value #MAX_ERROR_BODY_SIZE}
 * bytes, so no answer can exhaust memory; a result file is streamed;</li>
 * <li>credentials go only to this endpoint's origin (URLs are built from it; redirects are never followed);</li>
 * <li>a 401 drops the token and sends the call once more with a new one;</li>
 * <li>error bodies and messages are redacted with {@link Secrets}, the call's own secrets included;</li>
 * <li>the transport retry ({@link RetryLoop}) runs only when the budget asks for it;</li>
 * <li>a finished call lets go of its request chain ({@code onTerminateDetach}), so a caller that keeps the answer
 * (an execution waiting for its final state) does not keep the request, its body and its headers.</li>
 * </ul>
 */
public final class Exchange implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(Exchange.class);

	/** Largest error answer read. */
	static final int MAX_ERROR_BODY_SIZE = 64 * 1024;

	/** Spring's request attribute holding the URI template, which becomes the {@code uri} tag of observations. */
	private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

	private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON,
			MediaType.valueOf("application/hal+json"));

	private static final byte[] EMPTY = new byte[0];

	private final Transport transport;

	private final Endpoint endpoint;

	private final Credentials credentials;

	private final RetryLoop retry;

	private final Clock clock;

	private final @Nullable TokenSource tokens;

	private Exchange(Transport transport, Endpoint endpoint, Credentials credentials, @Nullable TokenSource tokens) {
		TransportContext context = transport.context();
		this.transport = transport;
		this.endpoint = endpoint;
		this.credentials = credentials;
		this.clock = context.clock();
		this.retry = new RetryLoop(context.settings().retry(), context.sleeper(), this.clock);
		this.tokens = tokens;
	}

	/**
	 * The exchange of one gateway service, with bearer tokens from the key pair's client-credentials grant, or a
	 * random token without a key pair.
	 * @param unnamed settings, observation, clock; the service's path names it when it has no name
	 * @param serviceEndpoint the service endpoint URL
	 * @param tokenEndpoint the token endpoint URL; {@code null} for the default: {@code hubTokenEndpoint} for a
	 * service on the Hub's gateway host, else {@code <service origin>/token}
	 * @param accessKeyId the access key id, or {@code null} with the secret for anonymous use
	 * @param secretAccessKey the secret access key, or {@code null}
	 * @param tokenRefreshBeforeExpiry how long before expiry a token is renewed
	 * @param hubTokenEndpoint the Hub's token endpoint
	 * @return the exchange
	 * @throws InvalidSettingException naming the setting when an endpoint is malformed or half a key pair is given
	 */
	public static Exchange gateway(TransportContext unnamed, @Nullable String serviceEndpoint,
			@Nullable String tokenEndpoint, @Nullable String accessKeyId, @Nullable String secretAccessKey,
			Duration tokenRefreshBeforeExpiry, String hubTokenEndpoint) {
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
			TokenSource anonymous = new AnonymousTokens();
			return new Exchange(new Transport(context), service, new Credentials.Bearer(anonymous), anonymous);
		}
		Endpoint token = (configuredToken != null) ? configuredToken
				: defaultTokenEndpoint(service, Endpoint.parse(hubTokenEndpoint, "tokenEndpoint"));
		InsecureEndpointWarning.check(token, "token endpoint");
		Transport transport = new Transport(context);
		try {
			TokenSource tokens = new ClientCredentialsTokens(transport, token, Objects.requireNonNull(accessKeyId),
					Objects.requireNonNull(secretAccessKey), tokenRefreshBeforeExpiry);
			return new Exchange(transport, service, new Credentials.Bearer(tokens), tokens);
		}
		catch (RuntimeException ex) {
			transport.close();
			throw ex;
		}
	}

	private static Endpoint defaultTokenEndpoint(Endpoint service, Endpoint hub) {
		if (service.host().equalsIgnoreCase(hub.host())) {
			return hub;
		}
		Endpoint derived = service.sibling("/token");
		logger.info("No token endpoint is set for the service endpoint " + service + ", which is not on the Hub's "
				+ "gateway (" + hub.host() + "): using " + derived + ", so its keys never travel to the Hub");
		return derived;
	}

	/**
	 * The exchange of the Hub Platform API, with {@code X-Auth-Token} (and {@code X-OrganizationId}) sent only to
	 * its endpoint.
	 * @param context settings, observation, clock
	 * @param platformEndpoint the platform API endpoint URL
	 * @param apiKey the personal access token
	 * @param organizationId the organization to act for, or {@code null}
	 * @return the exchange
	 * @throws InvalidSettingException naming {@code platformEndpoint} when it is malformed
	 */
	public static Exchange platform(TransportContext context, String platformEndpoint, String apiKey,
			@Nullable String organizationId) {
		Endpoint endpoint = Endpoint.parse(platformEndpoint, "platformEndpoint");
		InsecureEndpointWarning.check(endpoint, "platform endpoint");
		return new Exchange(new Transport(context.named("platform")), endpoint,
				new Credentials.ApiKey(apiKey, organizationId), null);
	}

	/**
	 * Validates an endpoint URL as the factories do.
	 * @param url the URL
	 * @param setting the setting it comes from, for the error
	 * @return the URL as sent (no user-info, no trailing slash)
	 * @throws InvalidSettingException naming the setting when it is malformed
	 */
	public static String validateEndpoint(String url, String setting) {
		return Endpoint.parse(url, setting).url();
	}

	/**
	 * The endpoint, user-info masked.
	 * @return the URL
	 */
	public String endpointUrl() {
		return this.endpoint.toString();
	}

	/**
	 * The endpoint's path, e.g. {@code acme/qft-simulator/1.0.0}.
	 * @return the path
	 */
	public String endpointPath() {
		return this.endpoint.path();
	}

	/**
	 * Whether calls go without credentials (a random bearer token, no token requests).
	 * @return {@code true} when anonymous
	 */
	public boolean isAnonymous() {
		return this.tokens instanceof AnonymousTokens;
	}

	/**
	 * Completes when the credentials can authorize a call (a cached token counts); at once without a key pair.
	 * @return completes, or fails with the token failure
	 */
	public Mono<Void> checkCredentials() {
		return this.credentials.authorize().then();
	}

	/**
	 * Checks now that the key pair gets a token: one token request, no retry, within the timeout; the new token
	 * replaces the cached one. At once without a key pair.
	 * @param timeout the longest time the check takes
	 * @return completes, or fails with the token or transport failure
	 */
	public Mono<Void> probe(Duration timeout) {
		return (this.tokens != null) ? this.tokens.probe(timeout) : Mono.empty();
	}

	/**
	 * What the exchange talks to and how it authenticates, for {@code toString()}.
	 * @return e.g. {@code endpoint=https://…, auth=anonymous}
	 */
	@Override
	public String toString() {
		return "endpoint=" + this.endpoint + ", auth=" + ((this.tokens != null) ? this.tokens : this.credentials);
	}

	/**
	 * Sends a call and decodes its JSON answer.
	 * @param <T> the value
	 * @param call the call
	 * @param budget its deadline and retry
	 * @return the value, or a {@link HubClientException}
	 */
	public <T> Mono<T> json(Call<T> call, CallBudget budget) {
		return withBudget(call, budget, () -> attempt(call).map((answer) -> toValue(call, answer)))
			.onTerminateDetach();
	}

	/**
	 * Sends a call whose answer is streamed: completes once a 2xx status and the headers have arrived (within the
	 * budget); the body then streams, bounded only by the read timeout, and holds one of the {@code maxConnections}
	 * permits until it ends. The subscriber must consume or cancel the body and release each buffer.
	 * @param call the call
	 * @param budget its deadline (until the headers) and retry
	 * @return the response whose body streams the content
	 */
	public Mono<ResponseEntity<Flux<DataBuffer>>> stream(Call<?> call, CallBudget budget) {
		return withBudget(call, budget, () -> streamAttempt(call)).onTerminateDetach();
	}

	private <T> Mono<T> withBudget(Call<?> call, CallBudget budget, java.util.function.Supplier<Mono<T>> attempt) {
		return Mono.defer(() -> {
			Deadline deadline = Deadline.of(this.clock, settings().callTimeout(), budget.deadline());
			String target = this.endpoint.toString();
			java.util.function.Function<java.time.Instant, Mono<T>> once = (at) -> deadline
				.bound(Mono.defer(attempt), call.operation(), target)
				.onErrorMap((ex) -> Failures.of(call.operation(), target, ex, this.transport));
			Mono<T> result = budget.transportRetry() ? this.retry.run(call.operation(), call.safe(), deadline.at(), once)
					: once.apply(deadline.at());
			if (call.secrets().isEmpty()) {
				return result;
			}
			return Mono.using(() -> call.secrets().stream().map(Secrets::register).toList(), (registrations) -> result,
					(registrations) -> registrations.forEach(Secrets.Registration::release));
		});
	}

	private Mono<Answer> attempt(Call<?> call) {
		return this.transport.gated(() -> this.transport.open(call.operation())
			.flatMap((web) -> this.credentials.authorize()
				.flatMap((authorization) -> send(web, call, authorization).flatMap((answer) -> {
					if (answer.status() != 401 || !this.credentials.canRenew()) {
						return Mono.just(answer);
					}
					return this.credentials.rejected(authorization)
						.then(this.credentials.authorize())
						.flatMap((renewed) -> send(web, call, renewed));
				}))));
	}

	private Mono<Answer> send(WebClient web, Call<?> call, Credentials.Authorization authorization) {
		return request(web, call, authorization).exchangeToMono((response) -> read(call, response));
	}

	private WebClient.RequestHeadersSpec<?> request(WebClient web, Call<?> call,
			Credentials.Authorization authorization) {
		WebClient.RequestBodySpec request = web.method(call.method())
			.uri(this.endpoint.resolve(call.path(), call.values().toArray(String[]::new)))
			.attribute(URI_TEMPLATE_ATTRIBUTE, call.path())
			.headers((headers) -> {
				headers.set(HttpHeaders.USER_AGENT, UserAgent.VALUE);
				authorization.headers().accept(headers);
			});
		if (call.body() == null) {
			return request.accept(JSON.toArray(MediaType[]::new));
		}
		return request.accept(JSON.toArray(MediaType[]::new)).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(call.body());
	}

	private Mono<Answer> read(Call<?> call, ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		boolean success = response.statusCode().is2xxSuccessful();
		int limit = success ? (int) Math.min(settings().maxJsonBodySize(), Integer.MAX_VALUE - 8) : MAX_ERROR_BODY_SIZE;
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), limit)
			.map(ErrorText::bytes)
			.defaultIfEmpty(EMPTY)
			.map((body) -> new Answer(status, headers, body))
			.onErrorMap(DataBufferLimitException.class, (ex) -> overLimit(call, success, status, ex));
	}

	private HubTransportException overLimit(Call<?> call, boolean success, int status, DataBufferLimitException ex) {
		if (success) {
			return Failures.overLimit(call.operation(), this.endpoint.toString(),
					Failures.size(settings().maxJsonBodySize())
							+ " JSON limit (maxJsonBodySize; property qhub.service.max-json-body-size)", ex);
		}
		return Failures.transport(call.operation(), call.operation() + " to " + this.endpoint + " answered HTTP " + status
				+ " with an error body of more than the " + Failures.size(MAX_ERROR_BODY_SIZE)
				+ " the client reads (fixed limit for error answers)", ex, HubApiException.classify(status), true);
	}

	private <T> T toValue(Call<T> call, Answer answer) {
		if (answer.status() < 200 || answer.status() >= 300) {
			throw apiError(call, answer.status(), answer.headers(), answer.body());
		}
		if (answer.body().length == 0) {
			throw Failures.transport(call.operation(), call.operation() + " to " + this.endpoint
					+ " answered an empty body where JSON was expected", null, FailureKind.PERMANENT, true);
		}
		try {
			return call.decoder().decode(answer.body(), answer.headers());
		}
		catch (HubClientException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// the parser's own message quotes the body, which may echo a secret: only its type and location
			throw Failures.transport(call.operation(), call.operation() + " to " + this.endpoint
					+ " answered a body that is not the expected JSON (" + ErrorText.parseFailure(ex) + ")", null,
					FailureKind.PERMANENT, true);
		}
	}

	private HubApiException apiError(Call<?> call, int status, HttpHeaders headers, byte[] body) {
		FailureKind kind = (status == 404) ? call.notFound() : HubApiException.classify(status);
		return new HubApiException(call.operation(), status, Secrets.redact(new String(body, StandardCharsets.UTF_8)),
				RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock), kind);
	}

	/**
	 * Gated until the body has been read: the connection is busy until then, and a download whose answer arrived
	 * while its writer was still queued would hold that answer (thousands of them at 10,000 in flight).
	 */
	private Mono<ResponseEntity<Flux<DataBuffer>>> streamAttempt(Call<?> call) {
		return this.transport.gatedStream(() -> this.transport.open(call.operation())
			.flatMap((web) -> this.credentials.authorize()
				.flatMap((authorization) -> openStream(web, call, authorization)
					.onErrorResume(Unauthorized.class, (ex) -> this.credentials.rejected(authorization)
						.then(this.credentials.authorize())
						.flatMap((renewed) -> openStream(web, call, renewed)))))
			.onErrorMap(Unauthorized.class, Unauthorized::error));
	}

	private Mono<ResponseEntity<Flux<DataBuffer>>> openStream(WebClient web, Call<?> call,
			Credentials.Authorization authorization) {
		WebClient.RequestHeadersSpec<?> request = web.method(call.method())
			.uri(this.endpoint.resolve(call.path(), call.values().toArray(String[]::new)))
			.attribute(URI_TEMPLATE_ATTRIBUTE, call.path())
			.headers((headers) -> {
				headers.set(HttpHeaders.USER_AGENT, UserAgent.VALUE);
				authorization.headers().accept(headers);
			})
			.accept(MediaType.ALL);
		return request.retrieve()
			.onStatus((status) -> !status.is2xxSuccessful(), (response) -> read(call, response).map((answer) -> {
				HubApiException error = apiError(call, answer.status(), answer.headers(), answer.body());
				return (answer.status() == 401 && this.credentials.canRenew()) ? new Unauthorized(error) : error;
			}))
			.toEntityFlux(DataBuffer.class)
			.map((entity) -> ResponseEntity.status(entity.getStatusCode())
				.headers(entity.getHeaders())
				.body(streamErrors(call, entity.getBody())));
	}

	private Flux<DataBuffer> streamErrors(Call<?> call, @Nullable Flux<DataBuffer> body) {
		return (body != null) ? body.onErrorMap((ex) -> Failures.of(call.operation(), this.endpoint.toString(), ex,
				this.transport)) : Flux.empty();
	}

	private TransportSettings settings() {
		return this.transport.settings();
	}

	/** Forgets the credentials and releases the connection pool; calls afterwards fail. Idempotent. */
	@Override
	public void close() {
		this.credentials.close();
		this.transport.close();
	}

	private record Answer(int status, HttpHeaders headers, byte[] body) {
	}

	/** A 401 on a stream, to be answered with one renewal; its API error is what remains if renewal fails too. */
	private static final class Unauthorized extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient HubApiException error;

		Unauthorized(HubApiException error) {
			super(null, null, false, false);
			this.error = error;
		}

		HubApiException error() {
			return this.error;
		}

	}

}
