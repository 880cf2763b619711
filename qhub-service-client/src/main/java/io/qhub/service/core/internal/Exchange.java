package io.qhub.service.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.core.TransportSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.ResponseEntity;

/**
 * Runs calls against one endpoint and turns every outcome into a value or a classified
 * {@link HubClientException}, enforcing what the client promises, whatever the server
 * does. A call runs through a chain of {@link CallStep}s assembled once, outermost first,
 * inside its {@link SecretsScope}:
 * <ol>
 * <li>{@link DeadlineStep}: every call ends by its {@link Deadline} (the call timeout, or
 * the wait's deadline); outermost, so it bounds the retries, the wait for a permit and
 * the token requests too;</li>
 * <li>{@link RetryStep}: the transport retry, only when the budget asks for it; inside
 * the deadline, which it never plans past;</li>
 * <li>{@link StatusStep}: a non-2xx answer becomes a {@code HubApiException} with its
 * redacted body and {@code Retry-After}; inside the retry, which decides on that
 * exception;</li>
 * <li>{@link GateStep}: one of {@code maxConnections} permits per attempt, kept by a
 * streamed answer until its body ends; inside the retry, so a backoff holds no
 * permit;</li>
 * <li>{@link OpenStep}: a closed client sends nothing and asks for no token;</li>
 * <li>{@link AuthorizeStep}: the credentials' headers; a 401 drops the token and sends
 * the call once more with a new one, within the attempt's permit;</li>
 * <li>{@link SendStep}: the one request builder (credentials go only to this endpoint's
 * origin: URLs are built from it and redirects are never followed); a JSON answer is read
 * up to {@code maxJsonBodySize}, an error answer up to
 * {@value SendStep#MAX_ERROR_BODY_SIZE} bytes, so no answer can exhaust memory; a result
 * file is streamed.</li>
 * </ol>
 * The {@link SecretsScope} registers the call's own secrets while it runs, so error
 * bodies and messages are redacted with them too, and classifies whatever fails. A
 * finished call lets go of its request chain ({@code onTerminateDetach}), so a caller
 * that keeps the answer (an execution waiting for its final state) does not keep the
 * request, its body and its headers.
 */
public final class Exchange implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(Exchange.class);

	private final Transport transport;

	private final Endpoint endpoint;

	private final Credentials credentials;

	private final @Nullable TokenSource tokens;

	private final SecretsScope scope;

	private final CallStep.Chain chain;

	private Exchange(Transport transport, Endpoint endpoint, Credentials credentials, @Nullable TokenSource tokens) {
		TransportContext context = transport.context();
		TransportSettings settings = context.settings();
		String target = endpoint.toString();
		this.transport = transport;
		this.endpoint = endpoint;
		this.credentials = credentials;
		this.tokens = tokens;
		this.scope = new SecretsScope(target, transport);
		// outermost first; see the class Javadoc and each step's for why in this order
		this.chain = CallStep.chain(List.of(new DeadlineStep(context.clock(), settings.callTimeout(), target),
				new RetryStep(settings.retry(), context.sleeper(), context.clock()), new StatusStep(context.clock()),
				new GateStep(settings.maxConnections()), new OpenStep(transport), new AuthorizeStep(credentials)),
				new SendStep(transport, endpoint));
	}

	/**
	 * The exchange of one gateway service, with bearer tokens from the key pair's
	 * client-credentials grant, or a random token without a key pair.
	 * @param unnamed settings, observation, clock; the service's path names it when it
	 * has no name
	 * @param serviceEndpoint the service endpoint URL
	 * @param tokenEndpoint the token endpoint URL; {@code null} for the default:
	 * {@code hubTokenEndpoint} for a service on the Hub's gateway host, else
	 * {@code <service origin>/token}
	 * @param accessKeyId the access key id, or {@code null} with the secret for anonymous
	 * use
	 * @param secretAccessKey the secret access key, or {@code null}
	 * @param tokenRefreshBeforeExpiry how long before expiry a token is renewed
	 * @param hubTokenEndpoint the Hub's token endpoint
	 * @return the exchange
	 * @throws InvalidSettingException naming the setting when an endpoint is malformed or
	 * half a key pair is given
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
	 * The exchange of the Hub Platform API, with {@code X-Auth-Token} (and
	 * {@code X-OrganizationId}) sent only to its endpoint.
	 * @param context settings, observation, clock
	 * @param platformEndpoint the platform API endpoint URL
	 * @param apiKey the personal access token
	 * @param organizationId the organization to act for, or {@code null}
	 * @return the exchange
	 * @throws InvalidSettingException naming {@code platformEndpoint} when it is
	 * malformed
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
	 * Completes when the credentials can authorize a call (a cached token counts); at
	 * once without a key pair.
	 * @return completes, or fails with the token failure
	 */
	public Mono<Void> checkCredentials() {
		return this.credentials.authorize().then();
	}

	/**
	 * Checks now that the key pair gets a token: one token request, no retry, within the
	 * timeout; the new token replaces the cached one. At once without a key pair.
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
		return run(CallContext.json(call, budget), (answer) -> toValue(call, answer));
	}

	/**
	 * Sends a call whose answer is streamed: completes once a 2xx status and the headers
	 * have arrived (within the budget); the body then streams, bounded only by the read
	 * timeout, and holds one of the {@code maxConnections} permits until it ends. The
	 * subscriber must consume or cancel the body and release each buffer.
	 * @param call the call
	 * @param budget its deadline (until the headers) and retry
	 * @return the response whose body streams the content
	 */
	public Mono<ResponseEntity<Flux<DataBuffer>>> stream(Call<?> call, CallBudget budget) {
		return run(CallContext.stream(call, budget),
				(answer) -> ResponseEntity.status(answer.status())
					.headers(answer.headers())
					.body(Objects.requireNonNullElse(answer.stream(), Flux.<DataBuffer>empty())));
	}

	/**
	 * Sends a call whose 2xx answer is a JSON array and decodes it element by element as
	 * it streams, so an answer of any length holds one element at a time (plus what the
	 * subscriber keeps). Until the headers it is any call (deadline, retry, permit); the
	 * body then streams, bounded by the read timeout between two reads, and holds its
	 * permit until it ends. {@code maxJsonBodySize} applies to each element, not to the
	 * whole array: an element still incomplete after more than that many bytes fails the
	 * call (checked as the answer's chunks arrive, so an element may pass it by up to one
	 * chunk, {@value Transport#MAX_CHUNK_SIZE} bytes). An answer cut or stalled midway
	 * fails with a {@link io.qhub.service.core.HubTransportException} after the elements
	 * before the cut; one that is not a JSON array of the expected elements fails naming
	 * the position, never quoting the body.
	 * @param <T> the element
	 * @param call the call (its decoder is not used)
	 * @param budget its deadline (until the headers) and retry
	 * @param decoder decodes the streaming body into elements
	 * @return the elements, in the order the answer lists them
	 */
	public <T> Flux<T> jsonElements(Call<?> call, CallBudget budget, ElementDecoder<T> decoder) {
		int limit = (int) Math.min(this.transport.settings().maxJsonBodySize(), Integer.MAX_VALUE - 8);
		return run(CallContext.streamJson(call, budget),
				(answer) -> decoder.decode(Objects.requireNonNullElse(answer.stream(), Flux.<DataBuffer>empty()),
						limit))
			.flatMapMany((elements) -> elements)
			.onErrorMap((ex) -> !(ex instanceof HubClientException), (ex) -> elementFailure(call, ex));
	}

	private HubClientException elementFailure(Call<?> call, Throwable ex) {
		DataBufferLimitException overLimit = ErrorText.cause(ex, DataBufferLimitException.class);
		if (overLimit != null) {
			return Failures.overLimit(call.operation(), this.endpoint.toString(),
					Failures.size(this.transport.settings().maxJsonBodySize())
							+ " JSON limit per element (maxJsonBodySize; property qhub.service.max-json-body-size)",
					overLimit);
		}
		JacksonException json = ErrorText.cause(ex, JacksonException.class);
		// the parser's own message quotes the body: only its type and location
		return Failures
			.transport(call.operation(),
					call.operation() + " to " + this.endpoint + " answered a body that is not the expected JSON array ("
							+ ErrorText.parseFailure((json != null) ? json : ex) + ")",
					null, FailureKind.PERMANENT, true);
	}

	/**
	 * Runs a call through the chain and reads its answer, within the call's secrets
	 * scope.
	 * @param <T> the type read from the answer
	 * @param context the call with its budget and deadline
	 * @param reader reads the value from the answer the chain passed on
	 * @return the value read, or the call's classified failure
	 */
	private <T> Mono<T> run(CallContext context, Function<Answer, T> reader) {
		return this.scope.around(context.call(), Mono.defer(() -> this.chain.proceed(context)).map(reader))
			.onTerminateDetach();
	}

	/**
	 * Decodes a 2xx JSON answer; a parse failure names its position, never quoting the
	 * body.
	 * @param <T> the type the call decodes
	 * @param call the call answered, whose decoder reads the body
	 * @param answer the 2xx answer with its body read whole
	 * @return the decoded value
	 */
	private <T> T toValue(Call<T> call, Answer answer) {
		if (answer.body().length == 0) {
			throw Failures.transport(call.operation(),
					call.operation() + " to " + this.endpoint + " answered an empty body where JSON was expected", null,
					FailureKind.PERMANENT, true);
		}
		try {
			return call.decoder().decode(answer.body(), answer.headers());
		}
		catch (HubClientException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// the parser's own message quotes the body, which may echo a secret: only its
			// type and location
			throw Failures.transport(
					call.operation(), call.operation() + " to " + this.endpoint
							+ " answered a body that is not the expected JSON (" + ErrorText.parseFailure(ex) + ")",
					null, FailureKind.PERMANENT, true);
		}
	}

	/**
	 * Forgets the credentials and releases the connection pool; calls afterwards fail.
	 * Idempotent.
	 */
	@Override
	public void close() {
		this.credentials.close();
		this.transport.close();
	}

	/**
	 * Decodes a streaming JSON array into its elements.
	 *
	 * @param <T> the element
	 */
	@FunctionalInterface
	public interface ElementDecoder<T> {

		/**
		 * Decodes the body as it streams.
		 * @param body the body, whose buffers the decoder releases
		 * @param maxElementSize the most bytes one element may take
		 * @return the elements
		 */
		Flux<T> decode(Flux<DataBuffer> body, int maxElementSize);

	}

}
