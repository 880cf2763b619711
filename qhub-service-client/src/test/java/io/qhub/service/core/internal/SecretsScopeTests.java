package io.qhub.service.core.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.Secrets;
import io.qhub.service.core.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SecretsScope}: the call's secrets are registered while it runs (its answer's
 * reading included) and released when it ends; every failure leaves it classified by
 * {@link Failures}, without the call's secrets.
 */
class SecretsScopeTests {

	private static final String SECRET = "a-call-secret-4711";

	private final Transport transport = CallStepFixtures.transport(TransportSettings.defaults(), new VirtualTime());

	private final SecretsScope scope = new SecretsScope(CallStepFixtures.TARGET, this.transport);

	@AfterEach
	void close() {
		this.transport.close();
	}

	@Test
	void theCallsSecretsAreRedactedWhileItRunsAndReleasedWhenItEnds() {
		AtomicReference<String> seenInside = new AtomicReference<>();
		Mono<String> outcome = Mono.fromSupplier(() -> Secrets.redact("body with " + SECRET)).doOnNext(seenInside::set);
		assertThat(Secrets.redact(SECRET)).isEqualTo(SECRET);
		StepVerifier.create(this.scope.around(CallStepFixtures.post("{}", SECRET), outcome))
			.expectNext("body with <redacted>")
			.verifyComplete();
		assertThat(seenInside).hasValue("body with <redacted>");
		assertThat(Secrets.redact(SECRET)).as("released after the call").isEqualTo(SECRET);
	}

	@Test
	void aWireFailureLeavesClassifiedAndWithoutTheCallsSecret() {
		Mono<String> outcome = Mono.error(new IOException("connection reset while echoing " + SECRET));
		StepVerifier.create(this.scope.around(CallStepFixtures.post("{}", SECRET), outcome))
			.verifyErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(HubTransportException.class)
					.hasMessage("POST / to " + CallStepFixtures.TARGET + " lost its connection before the answer was "
							+ "complete: IOException: connection reset while echoing <redacted>");
				assertThat(((HubTransportException) ex).failureKind()).isEqualTo(FailureKind.TRANSIENT);
				assertThat(ex.getCause()).isInstanceOf(Secrets.RedactedException.class);
			});
		assertThat(Secrets.redact(SECRET)).isEqualTo(SECRET);
	}

	@Test
	void aClientExceptionLeavesAsItIs() {
		HubApiException api = new HubApiException("GET /{id}", 500, "", null, FailureKind.TRANSIENT);
		StepVerifier.create(this.scope.around(CallStepFixtures.get(), Mono.error(api)))
			.verifyErrorMatches((ex) -> ex == api);
	}

}
