package io.qhub.service.client.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InsecureEndpointWarningTests {

	@Test
	void plainHttpToARemoteHostIsWarnedAbout() {
		assertThat(InsecureEndpointWarning.check("http://gateway.example.com/acme/svc/1.0.0", "service endpoint"))
			.isTrue();
		assertThat(InsecureEndpointWarning.check("http://10.1.2.3:8080/token", "token endpoint")).isTrue();
	}

	@Test
	void httpsAndLoopbackAreFine() {
		assertThat(InsecureEndpointWarning.check("https://gateway.example.com/svc", "service endpoint")).isFalse();
		assertThat(InsecureEndpointWarning.check("http://localhost:8081/local/echo/1.0.0", "service endpoint"))
			.isFalse();
		assertThat(InsecureEndpointWarning.check("http://127.0.0.1:8081/token", "token endpoint")).isFalse();
		assertThat(InsecureEndpointWarning.check("http://[::1]:8081/token", "token endpoint")).isFalse();
	}

}
