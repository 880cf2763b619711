package io.qhub.service.client.internal;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CredentialOriginGuardTests {

	private final CredentialOriginGuard guard = new CredentialOriginGuard("https://gateway.example.com/acme/svc/1.0.0");

	private final AtomicInteger sent = new AtomicInteger();

	private final ExchangeFunction wire = (request) -> {
		this.sent.incrementAndGet();
		return Mono.just(ClientResponse.create(HttpStatus.OK).build());
	};

	@Test
	void credentialsGoToTheConfiguredOrigin() {
		this.guard.filter(request("https://gateway.example.com:443/acme/svc/1.0.0/x", "Authorization"), this.wire)
			.block();
		assertThat(this.sent).hasValue(1);
	}

	@Test
	void credentialsNeverGoToAnotherHostPortOrScheme() {
		for (String url : new String[] { "https://evil.example.com/x", "https://gateway.example.com:8443/x",
				"http://gateway.example.com/x" }) {
			assertThatIllegalStateException()
				.isThrownBy(() -> this.guard.filter(request(url, "Authorization"), this.wire).block())
				.withMessageContaining("Refused to send credentials");
			assertThatIllegalStateException()
				.isThrownBy(() -> this.guard.filter(request(url, "X-Auth-Token"), this.wire).block());
		}
		assertThat(this.sent).hasValue(0);
	}

	@Test
	void requestsWithoutCredentialsPassToAnyOrigin() {
		this.guard.filter(request("https://elsewhere.example.com/x", "Accept"), this.wire).block();
		assertThat(this.sent).hasValue(1);
	}

	private static ClientRequest request(String url, String header) {
		return ClientRequest.create(HttpMethod.GET, URI.create(url)).header(header, "value").build();
	}

}
