package io.qhub.test.junit;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.LocalHubGatewayBuilder;
import io.qhub.test.gateway.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link LocalHubGateway} for JUnit Jupiter tests, without Spring. Registered on a
 * static field, one gateway serves all tests of the class: started before all of them,
 * stopped after all of them, and between tests its recorded requests, counts and injected
 * faults are forgotten and faults that have not fired are dropped (executions stay).
 * Registered on an instance field, each test gets a gateway of its own.
 *
 * <pre class="code">
 * class MyTests {
 *
 *     &#64;RegisterExtension
 *     static LocalHubGatewayExtension gateway = LocalHubGatewayExtension.newInstance()
 *         .accessKey("id", "secret")
 *         .configure((builder) -&gt; builder.timing(Duration.ZERO, Duration.ofMillis(50)))
 *         .build();
 *
 *     &#64;Test
 *     void retriesA503() {
 *         gateway.inject(InjectedFault.status(GatewayOperation.GET_STATUS, 503, null, 1));
 *         HubServiceClient client = HubServiceClient.builder()
 *             .serviceEndpoint(gateway.serviceEndpoint())
 *             .tokenEndpoint(gateway.tokenEndpoint())
 *             .accessKeyId("id").secretAccessKey("secret")
 *             .build();
 *         // ...
 *         assertThat(gateway.callCount(GatewayOperation.GET_STATUS)).isEqualTo(2);
 *     }
 *
 * }
 * </pre>
 *
 * For a Spring test context use {@code @AutoConfigureLocalHubGateway} instead.
 */
public final class LocalHubGatewayExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private final Consumer<LocalHubGatewayBuilder> configuration;

	private final boolean resetOnEachTest;

	private volatile @Nullable LocalHubGateway gateway;

	private volatile boolean perTest;

	private LocalHubGatewayExtension(Builder builder) {
		this.configuration = builder.configuration;
		this.resetOnEachTest = builder.resetOnEachTest;
	}

	/**
	 * Starts configuring an extension.
	 * @return a new builder
	 */
	public static Builder newInstance() {
		return new Builder();
	}

	/**
	 * The running gateway, to script faults and assert on calls and requests.
	 * @return the gateway
	 * @throws IllegalStateException outside a test (before the gateway started or after
	 * it stopped)
	 */
	public LocalHubGateway gateway() {
		LocalHubGateway running = this.gateway;
		if (running == null) {
			throw new IllegalStateException("The local gateway is not running: it runs from before all tests "
					+ "(static field) or before each test (instance field) until after them");
		}
		return running;
	}

	/**
	 * The running gateway's service endpoint.
	 * @return the URL
	 * @see LocalHubGateway#serviceEndpoint()
	 */
	public String serviceEndpoint() {
		return gateway().serviceEndpoint();
	}

	/**
	 * The running gateway's OAuth2 token endpoint.
	 * @return the URL
	 * @see LocalHubGateway#tokenEndpoint()
	 */
	public String tokenEndpoint() {
		return gateway().tokenEndpoint();
	}

	/**
	 * The running gateway's platform API endpoint.
	 * @return the URL
	 * @see LocalHubGateway#platformEndpoint()
	 */
	public String platformEndpoint() {
		return gateway().platformEndpoint();
	}

	/**
	 * Injects a fault into the running gateway.
	 * @param fault the fault
	 * @return the gateway
	 * @see LocalHubGateway#inject(InjectedFault)
	 */
	public LocalHubGateway inject(InjectedFault fault) {
		return gateway().inject(fault);
	}

	/**
	 * Every request the running gateway received in this test, oldest first, credentials
	 * redacted.
	 * @return the requests
	 * @see LocalHubGateway#requests()
	 */
	public List<RecordedRequest> requests() {
		return gateway().requests();
	}

	/**
	 * How many calls of an operation the running gateway received in this test.
	 * @param operation the operation
	 * @return the count
	 * @see LocalHubGateway#callCount(GatewayOperation)
	 */
	public long callCount(GatewayOperation operation) {
		return gateway().callCount(operation);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start(false);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.gateway == null) {
			start(true);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		LocalHubGateway running = this.gateway;
		if (running == null) {
			return;
		}
		if (this.perTest) {
			stop(running);
		}
		else if (this.resetOnEachTest) {
			running.clearFaults();
			running.resetRecording();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		LocalHubGateway running = this.gateway;
		if (running != null) {
			stop(running);
		}
	}

	private void start(boolean perTest) {
		LocalHubGatewayBuilder builder = LocalHubGateway.builder();
		this.configuration.accept(builder);
		this.gateway = builder.start();
		this.perTest = perTest;
	}

	private void stop(LocalHubGateway running) {
		this.gateway = null;
		running.close();
	}

	@Override
	public String toString() {
		LocalHubGateway running = this.gateway;
		return "LocalHubGatewayExtension[" + ((running != null) ? running : "not running") + "]";
	}

	/**
	 * Configures a {@link LocalHubGatewayExtension}. By default the gateway has the
	 * {@link LocalHubGateway#builder() builder's} defaults (anonymous, as no key pair is
	 * configured) and is reset between tests.
	 */
	public static final class Builder {

		private Consumer<LocalHubGatewayBuilder> configuration = (builder) -> {
		};

		private boolean resetOnEachTest = true;

		private Builder() {
		}

		/**
		 * Accepts a key pair at the gateway's token endpoint (call again for more);
		 * service calls then need a token.
		 * @param accessKeyId the access key id
		 * @param secretAccessKey the secret access key
		 * @return this builder
		 * @see LocalHubGatewayBuilder#accessKey(String, String)
		 */
		public Builder accessKey(String accessKeyId, String secretAccessKey) {
			Objects.requireNonNull(accessKeyId, "accessKeyId");
			Objects.requireNonNull(secretAccessKey, "secretAccessKey");
			return configure((builder) -> builder.accessKey(accessKeyId, secretAccessKey));
		}

		/**
		 * Configures the gateway further (timing, handler, service path, TLS, fault rate,
		 * ...); applied, after the configuration given before, to each gateway the
		 * extension starts.
		 * @param configuration applied to the gateway's builder
		 * @return this builder
		 */
		public Builder configure(Consumer<LocalHubGatewayBuilder> configuration) {
			this.configuration = this.configuration.andThen(Objects.requireNonNull(configuration, "configuration"));
			return this;
		}

		/**
		 * Whether a gateway shared by the tests of a class (static field) forgets its
		 * recorded requests, counts and injected faults and drops the faults not fired
		 * yet after each test; {@code true} by default.
		 * @param resetOnEachTest {@code false} to keep them across tests
		 * @return this builder
		 */
		public Builder resetOnEachTest(boolean resetOnEachTest) {
			this.resetOnEachTest = resetOnEachTest;
			return this;
		}

		/**
		 * Creates the extension; its gateway starts when the tests do.
		 * @return the extension
		 */
		public LocalHubGatewayExtension build() {
			return new LocalHubGatewayExtension(this);
		}

	}

}
