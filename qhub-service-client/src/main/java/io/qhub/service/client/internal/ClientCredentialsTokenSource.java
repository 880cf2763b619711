package io.qhub.service.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.qhub.service.client.HubTokenException;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
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
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Gateway tokens from the OAuth2 client-credentials grant, through Spring Security's
 * {@link AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager} with a private {@link ClientRegistration}
 * and a fixed principal, so the application needs no {@code spring.security.oauth2.*} keys and gets no web
 * security. On the wire: {@code POST} form {@code grant_type=client_credentials}, HTTP Basic with the key id and
 * secret <em>not</em> URL-encoded (as the official SDK sends them), no scope. The token is reused until
 * {@code refreshBeforeExpiry} before it expires; concurrent cold calls share one token request.
 */
public final class ClientCredentialsTokenSource implements AccessTokenSource {

	static final String REGISTRATION_ID = "qhub-service";

	static final String PRINCIPAL = "qhub-service-client";

	private final String tokenEndpoint;

	private final ReactiveOAuth2AuthorizedClientService authorizedClients;

	private final SingleFlight<String> tokenFlight;

	/**
	 * Creates a token source.
	 * @param tokenEndpoint the token endpoint URL
	 * @param accessKeyId the access key id (OAuth2 client id)
	 * @param secretAccessKey the secret access key (OAuth2 client secret)
	 * @param refreshBeforeExpiry how long before expiry a token is renewed
	 * @param clock the clock used to judge expiry
	 * @param tokenWebClient the WebClient for token requests
	 */
	public ClientCredentialsTokenSource(String tokenEndpoint, String accessKeyId, String secretAccessKey,
			Duration refreshBeforeExpiry, Clock clock, WebClient tokenWebClient) {
		this.tokenEndpoint = tokenEndpoint;
		ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.tokenUri(tokenEndpoint)
			.clientId(accessKeyId)
			.clientSecret(secretAccessKey)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.build();
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		this.authorizedClients = new ClockStampedAuthorizedClients(
				new InMemoryReactiveOAuth2AuthorizedClientService(registrations), clock);
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, this.authorizedClients);
		manager.setAuthorizedClientProvider(provider(refreshBeforeExpiry, clock, tokenWebClient));
		OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID)
			.principal(PRINCIPAL)
			.build();
		this.tokenFlight = new SingleFlight<>(() -> manager.authorize(request)
			.map((client) -> client.getAccessToken().getTokenValue())
			.switchIfEmpty(Mono.error(() -> new HubTokenException(tokenEndpoint, null, "no token was issued", null)))
			.onErrorMap((ex) -> !(ex instanceof HubTokenException), this::tokenFailure));
	}

	private static ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider(Duration refreshBeforeExpiry,
			Clock clock, WebClient tokenWebClient) {
		DefaultOAuth2TokenRequestHeadersConverter<OAuth2ClientCredentialsGrantRequest> headers = new DefaultOAuth2TokenRequestHeadersConverter<>();
		headers.setEncodeClientCredentials(false);
		WebClientReactiveClientCredentialsTokenResponseClient tokenClient = new WebClientReactiveClientCredentialsTokenResponseClient();
		tokenClient.setWebClient(tokenWebClient);
		tokenClient.setHeadersConverter(headers);
		tokenClient.setBodyExtractor(new TokenResponseBodyExtractor());
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenClient);
		provider.setClockSkew(refreshBeforeExpiry);
		provider.setClock(clock);
		return provider;
	}

	@Override
	public Mono<String> token() {
		return this.tokenFlight.get();
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

	private HubTokenException tokenFailure(Throwable ex) {
		if (ex instanceof OAuth2AuthorizationException oauth2) {
			String description = oauth2.getError().getDescription();
			return new HubTokenException(this.tokenEndpoint, oauth2.getError().getErrorCode(),
					(description != null) ? description : "the token endpoint rejected the request", ex);
		}
		return new HubTokenException(this.tokenEndpoint, null, ErrorText.describe(ex), ex);
	}

	/**
	 * Spring stamps a new token's {@code issuedAt}/{@code expiresAt} with the system clock, while the provider
	 * judges expiry with the injected clock; this re-stamps the token's lifetime from the injected clock when it
	 * is stored, so that expiry is measured on one clock only.
	 */
	private record ClockStampedAuthorizedClients(ReactiveOAuth2AuthorizedClientService delegate,
			Clock clock) implements ReactiveOAuth2AuthorizedClientService {

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
			Instant now = this.clock.instant();
			OAuth2AccessToken stamped = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), now,
					now.plus(Duration.between(token.getIssuedAt(), token.getExpiresAt())), token.getScopes());
			return this.delegate.saveAuthorizedClient(new OAuth2AuthorizedClient(client.getClientRegistration(),
					client.getPrincipalName(), stamped, client.getRefreshToken()), principal);
		}

		@Override
		public Mono<Void> removeAuthorizedClient(String registrationId, String principalName) {
			return this.delegate.removeAuthorizedClient(registrationId, principalName);
		}

	}

	@Override
	public String toString() {
		return "ClientCredentialsTokenSource[tokenEndpoint=" + this.tokenEndpoint + "]";
	}

}
