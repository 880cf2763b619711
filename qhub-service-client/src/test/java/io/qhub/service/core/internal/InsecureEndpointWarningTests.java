package io.qhub.service.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InsecureEndpointWarningTests {

	@Test
	void plainHttpToARemoteHostIsWarnedAbout() {
		assertThat(InsecureEndpointWarning
			.check(Endpoint.parse("http://gateway.example.com/acme/svc/1.0.0", "endpoint"), "service endpoint"))
			.isTrue();
		assertThat(InsecureEndpointWarning.check(Endpoint.parse("http://10.1.2.3:8080/token", "endpoint"),
				"token endpoint"))
			.isTrue();
	}

	@Test
	void httpsAndLoopbackAreFine() {
		assertThat(InsecureEndpointWarning.check(Endpoint.parse("https://gateway.example.com/svc", "endpoint"),
				"service endpoint"))
			.isFalse();
		assertThat(InsecureEndpointWarning.check(Endpoint.parse("http://localhost:8081/local/echo/1.0.0", "endpoint"),
				"service endpoint"))
			.isFalse();
		assertThat(InsecureEndpointWarning.check(Endpoint.parse("http://127.0.0.1:8081/token", "endpoint"),
				"token endpoint"))
			.isFalse();
		assertThat(
				InsecureEndpointWarning.check(Endpoint.parse("http://[::1]:8081/token", "endpoint"), "token endpoint"))
			.isFalse();
	}

}
