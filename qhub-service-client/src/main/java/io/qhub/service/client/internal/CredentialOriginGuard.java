package io.qhub.service.client.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The last filter before the wire: credentials ({@code Authorization}, {@code X-Auth-Token}) leave only for the
 * origin (scheme, host, port) they were configured for. A request to any other origin is refused before it is
 * sent. The client never follows redirects or HAL {@code href}s, so this only guards against future mistakes.
 */
public final class CredentialOriginGuard implements ExchangeFilterFunction {

	private static final Log logger = LogFactory.getLog(CredentialOriginGuard.class);

	private static final List<String> CREDENTIAL_HEADERS = List.of(HttpHeaders.AUTHORIZATION, "X-Auth-Token");

	private final String origin;

	/**
	 * Creates a guard.
	 * @param allowed any URL of the one origin credentials may go to
	 */
	public CredentialOriginGuard(String allowed) {
		this.origin = origin(URI.create(allowed));
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		boolean carriesCredentials = CREDENTIAL_HEADERS.stream().anyMatch(request.headers()::containsHeader);
		if (carriesCredentials && !this.origin.equals(origin(request.url()))) {
			logger.warn("Refused to send credentials to " + origin(request.url()) + " (configured for "
					+ this.origin + ")");
			return Mono.error(new IllegalStateException("Refused to send credentials to " + origin(request.url())
					+ ": they are configured for " + this.origin));
		}
		return next.exchange(request);
	}

	static String origin(URI uri) {
		String scheme = Objects.toString(uri.getScheme(), "").toLowerCase(Locale.ROOT);
		int port = (uri.getPort() != -1) ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
		return scheme + "://" + Objects.toString(uri.getHost(), "").toLowerCase(Locale.ROOT) + ":" + port;
	}

}
