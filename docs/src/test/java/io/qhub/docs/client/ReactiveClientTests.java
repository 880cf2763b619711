package io.qhub.docs.client;

import java.time.Duration;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.junit.LocalHubGatewayExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReactiveClient}: a reactive client built on its own runs an execution to its
 * final state.
 */
class ReactiveClientTests {

	@RegisterExtension
	static LocalHubGatewayExtension gateway = Clients.gateway()
		.configure((builder) -> builder.timing(Duration.ZERO, Duration.ofMillis(100)))
		.build();

	@Test
	void buildsAReactiveClient() {
		ServiceExecution last = ReactiveClient.runOnce(gateway.serviceEndpoint(), gateway.tokenEndpoint(),
				Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY);

		assertThat(last.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
		assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
	}

}
