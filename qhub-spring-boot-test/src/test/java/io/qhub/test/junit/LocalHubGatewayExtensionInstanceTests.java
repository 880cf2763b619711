package io.qhub.test.junit;

import io.qhub.test.HttpCalls;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalHubGatewayExtension} on an instance field: a gateway of its own for each
 * test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalHubGatewayExtensionInstanceTests {

	private static @Nullable LocalHubGateway previous;

	@RegisterExtension
	final LocalHubGatewayExtension gateway = LocalHubGatewayExtension.newInstance().build();

	@Test
	@Order(1)
	void startsAnAnonymousGatewayBeforeTheTest() throws Exception {
		previous = this.gateway.gateway();
		assertThat(HttpCalls.start(this.gateway.serviceEndpoint(), null).statusCode()).isEqualTo(201);
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
	}

	@Test
	@Order(2)
	void startsAnotherGatewayForTheNextTest() {
		assertThat(this.gateway.gateway()).isNotSameAs(previous);
		assertThat(this.gateway.gateway().executionCount()).isZero();
		assertThat(previous).isNotNull();
		assertThat(previous.openConnections()).isZero();
	}

}
