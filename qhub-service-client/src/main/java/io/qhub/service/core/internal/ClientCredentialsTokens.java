package io.qhub.service.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.core.Secrets;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestHeadersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Gateway tokens from the OAuth2 client-credentials grant, through Spring Security's
 * {@link AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager} with a private
 * {@link ClientRegistration} and a fixed principal, so the application needs no
 * {@code spring.security.oauth2.*} keys and gets no web security. On the wire:
 * {@code POST} form {@code grant_type=client_credentials}, HTTP Basic with the key id and
 * secret <em>not</em> URL-encoded (as the official SDK sends them), no scope; over the
 * client's own transport (pool, timeouts, observation), within the call timeout, retried
 * like a read (a second token request only issues a second token). A token is reused
 * until {@code refreshBeforeExpiry} before it expires, but never for less than half its
 * lifetime, so even a short-lived token costs one request per lifetime; concurrent
 * callers share one request. The secret, its Basic header and the current and previous
 * token are registered with {@link Secrets}.
 */
final class ClientCredentialsTokens implements TokenSource {

	static final String REGISTRATION_ID = "qhub-service";

	static final String PRINCIPAL = "qhub-service-client";

	private static final int REMEMBERED_TOKENS = 2;

	private final Endpoint tokenEndpoint;

	private final ReactiveOAuth2AuthorizedClientService authorizedClients;

	private final SingleFlight<String> tokenFlight;

	private final Secrets.Registration keyPair;

	private final Map<String, Secrets.Registration> tokens = new LinkedHashMap<>();

	private final Transport transport;

	private final ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider;

	private final OAuth2AuthorizationContext probeContext;

	ClientCredentialsTokens(Transport transport, Endpoint tokenEndpoint, String accessKeyId, String secretAccessKey,
			Duration refreshBeforeExpiry) {
		TransportContext context = transport.context();
		Clock clock = context.clock();
		this.tokenEndpoint = tokenEndpoint;
		this.transport = transport;
		this.keyPair = Secrets.registerCredentials(accessKeyId, secretAccessKey);
		ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.tokenUri(tokenEndpoint.url())
			.clientId(accessKeyId)
			.clientSecret(secretAccessKey)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.build();
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		this.authorizedClients = new RestampedAuthorizedClients(
				new InMemoryReactiveOAuth2AuthorizedClientService(registrations), clock, refreshBeforeExpiry);
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, this.authorizedClients);
		this.provider = provider(transport, tokenEndpoint, clock);
		manager.setAuthorizedClientProvider(this.provider);
		OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID)
			.principal(PRINCIPAL)
			.build();
		this.probeContext = OAuth2AuthorizationContext.withClientRegistration(registration)
			.principal(request.getPrincipal())
			.build();
		RetryStep retry = new RetryStep(context.settings().retry(), context.sleeper(), clock);
		Duration callTimeout = context.settings().callTimeout();
		String target = tokenEndpoint.toString();
		this.tokenFlight = new SingleFlight<>(() -> {
			Deadline deadline = Deadline.of(clock, callTimeout, null);
			return retry.run(TokenResponseReader.OPERATION, true, deadline.at(), () -> deadline
				.bound(transport.open(TokenResponseReader.OPERATION).then(manager.authorize(request)),
						TokenResponseReader.OPERATION, target)
				.switchIfEmpty(Mono.error(
						() -> new HubTokenException(target, 200, null, "no token was issued", FailureKind.PERMANENT)))
				.map((client) -> remember(client.getAccessToken().getTokenValue()))
				.onErrorMap((ex) -> failure(ex)));
		});
	}

	private Throwable failure(Throwable ex) {
		return Failures.of(TokenResponseReader.OPERATION, this.tokenEndpoint.toString(), ex, this.transport);
	}

	private static ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider(Transport transport,
			Endpoint tokenEndpoint, Clock clock) {
		DefaultOAuth2TokenRequestHeadersConverter<OAuth2ClientCredentialsGrantRequest> headers = new DefaultOAuth2TokenRequestHeadersConverter<>();
		headers.setEncodeClientCredentials(false);
		WebClientReactiveClientCredentialsTokenResponseClient tokenClient = new WebClientReactiveClientCredentialsTokenResponseClient();
		tokenClient.setWebClient(transport.webClient());
		tokenClient.setHeadersConverter(headers);
		tokenClient.setBodyExtractor(new TokenResponseReader(tokenEndpoint));
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenClient);
		// the renewal margin is applied when a token is stored
		// (RestampedAuthorizedClients), capped by its lifetime
		provider.setClockSkew(Duration.ZERO);
		provider.setClock(clock);
		return provider;
	}

	private String remember(String token) {
		synchronized (this.tokens) {
			this.tokens.computeIfAbsent(token, Secrets::register);
			Iterator<Secrets.Registration> oldest = this.tokens.values().iterator();
			while (this.tokens.size() > REMEMBERED_TOKENS) {
				oldest.next().release();
				oldest.remove();
			}
		}
		return token;
	}

	@Override
	public Mono<String> token() {
		return this.tokenFlight.get();
	}

	/**
	 * Requests a new token now, once (no retry), within the timeout; it replaces the
	 * cached one.
	 */
	@Override
	public Mono<Void> probe(Duration timeout) {
		return Mono.defer(() -> {
			TransportContext context = this.transport.context();
			Deadline deadline = Deadline.within(context.clock(), context.settings().callTimeout(), timeout,
					"probe timeout");
			String target = this.tokenEndpoint.toString();
			Mono<OAuth2AuthorizedClient> request = this.transport.open(TokenResponseReader.OPERATION)
				.then(this.provider.authorize(this.probeContext));
			return deadline.bound(request, TokenResponseReader.OPERATION, target)
				.switchIfEmpty(Mono.error(
						() -> new HubTokenException(target, 200, null, "no token was issued", FailureKind.PERMANENT)))
				.flatMap((client) -> this.authorizedClients
					.saveAuthorizedClient(client, this.probeContext.getPrincipal())
					.then(Mono.fromRunnable(() -> remember(client.getAccessToken().getTokenValue()))))
				.onErrorMap(this::failure)
				.then();
		});
	}

	@Override
	public Mono<Void> invalidate(String rejected) {
		return this.authorizedClients.<OAuth2AuthorizedClient>loadAuthorizedClient(REGISTRATION_ID, PRINCIPAL)
			.filter((client) -> client.getAccessToken().getTokenValue().equals(rejected))
			.flatMap((client) -> this.authorizedClients.removeAuthorizedClient(REGISTRATION_ID, PRINCIPAL));
	}

	@Override
	public boolean canRenew() {
		return true;
	}

	@Override
	public void close() {
		this.keyPair.release();
		synchronized (this.tokens) {
			this.tokens.values().forEach(Secrets.Registration::release);
			this.tokens.clear();
		}
	}

	@Override
	public String toString() {
		return "oauth2 client credentials at " + this.tokenEndpoint;
	}

	/**
	 * Stores each new token with its lifetime stamped from the client's clock (Spring
	 * stamps it with the system clock) and its expiry moved forward by the renewal
	 * margin, capped at half the lifetime: the provider, whose own clock skew is zero,
	 * then renews it exactly when it is due.
	 */
	private record RestampedAuthorizedClients(ReactiveOAuth2AuthorizedClientService delegate, Clock clock,
			Duration refreshBeforeExpiry) implements ReactiveOAuth2AuthorizedClientService {

		@Override
		public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String registrationId,
				String principalName) {
			return this.delegate.loadAuthorizedClient(registrationId, principalName);
		}

		@Override
		public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
			OAuth2AccessToken token = client.getAccessToken();
			if (token.getIssuedAt() == null || token.getExpiresAt() == null) {
				return this.delegate.saveAuthorizedClient(client, principal);
			}
			Duration lifetime = Duration.between(token.getIssuedAt(), token.getExpiresAt());
			Duration margin = (this.refreshBeforeExpiry.compareTo(lifetime.dividedBy(2)) > 0) ? lifetime.dividedBy(2)
					: this.refreshBeforeExpiry;
			Instant now = this.clock.instant();
			OAuth2AccessToken stamped = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), now,
					now.plus(lifetime).minus(margin), token.getScopes());
			return this.delegate.saveAuthorizedClient(new OAuth2AuthorizedClient(client.getClientRegistration(),
					client.getPrincipalName(), stamped, client.getRefreshToken()), principal);
		}

		@Override
		public Mono<Void> removeAuthorizedClient(String registrationId, String principalName) {
			return this.delegate.removeAuthorizedClient(registrationId, principalName);
		}

	}

}
