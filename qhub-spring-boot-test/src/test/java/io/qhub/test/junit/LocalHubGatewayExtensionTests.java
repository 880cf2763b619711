package io.qhub.test.junit;

import java.net.ConnectException;

import io.qhub.test.HttpCalls;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

/** The lifecycle of {@link LocalHubGatewayExtension}, driven by hand. */
class LocalHubGatewayExtensionTests {

	private final ExtensionContext context = mock(ExtensionContext.class);

	@Test
	void gatewayIsOnlyAvailableWhileRunning() throws Exception {
		LocalHubGatewayExtension extension = LocalHubGatewayExtension.newInstance().build();
		assertThatIllegalStateException().isThrownBy(extension::gateway).withMessageContaining("not running");

		extension.beforeAll(this.context);
		String tokenEndpoint = extension.tokenEndpoint();
		assertThat(HttpCalls.token(tokenEndpoint, "x", "y").statusCode()).isEqualTo(401);
		extension.afterAll(this.context);

		assertThatIllegalStateException().isThrownBy(extension::serviceEndpoint);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> HttpCalls.token(tokenEndpoint, "x", "y"));
	}

	@Test
	void keepsRecordingAndFaultsBetweenTestsWhenAsked() throws Exception {
		LocalHubGatewayExtension extension = LocalHubGatewayExtension.newInstance().resetOnEachTest(false).build();
		extension.beforeAll(this.context);
		try {
			extension.beforeEach(this.context);
			LocalHubGateway gateway = extension.gateway();
			extension.inject(InjectedFault.status(GatewayOperation.START_EXECUTION, 503, null, 1));
			HttpCalls.token(extension.tokenEndpoint(), "x", "y");
			extension.afterEach(this.context);

			extension.beforeEach(this.context);
			assertThat(extension.gateway()).isSameAs(gateway);
			assertThat(extension.requests()).hasSize(1);
			assertThat(HttpCalls.start(extension.serviceEndpoint(), null).statusCode()).isEqualTo(503);
			extension.afterEach(this.context);
		}
		finally {
			extension.afterAll(this.context);
		}
	}

	@Test
	void configurationsApplyInOrder() {
		LocalHubGatewayExtension extension = LocalHubGatewayExtension.newInstance()
			.configure((builder) -> builder.servicePath("/first/service/1.0.0"))
			.configure((builder) -> builder.servicePath("/second/service/1.0.0"))
			.build();
		extension.beforeEach(this.context);
		try {
			assertThat(extension.serviceEndpoint()).endsWith("/second/service/1.0.0");
		}
		finally {
			extension.afterEach(this.context);
		}
		assertThatIllegalStateException().isThrownBy(extension::gateway);
	}

}
