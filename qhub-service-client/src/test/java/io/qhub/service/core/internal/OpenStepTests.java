package io.qhub.service.core.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OpenStep}: a closed client refuses a call before anything inside runs; an open
 * one lets it through.
 */
class OpenStepTests {

	private final Transport transport = CallStepFixtures.transport(TransportSettings.defaults(), new VirtualTime());

	private final OpenStep step = new OpenStep(this.transport);

	@AfterEach
	void close() {
		this.transport.close();
	}

	@Test
	void anOpenClientLetsTheCallThrough() {
		Answer answer = CallStepFixtures.answer(200, "{}");
		StepVerifier.create(this.step.process(context(), (context) -> Mono.just(answer)))
			.expectNext(answer)
			.verifyComplete();
	}

	@Test
	void aClosedClientRefusesTheCallBeforeAnyTokenOrRequest() {
		this.transport.close();
		AtomicBoolean ran = new AtomicBoolean();
		Mono<Answer> rest = Mono.fromCallable(() -> {
			ran.set(true);
			return CallStepFixtures.answer(200, "{}");
		});
		StepVerifier.create(this.step.process(context(), (context) -> rest)).verifyErrorSatisfies((ex) -> {
			assertThat(ex).isExactlyInstanceOf(HubClientException.class)
				.hasMessage("The client is closed; GET /{id} was not sent");
			assertThat(((HubClientException) ex).failureKind()).isEqualTo(FailureKind.PERMANENT);
		});
		assertThat(ran).isFalse();
	}

	private static CallContext context() {
		return CallContext.json(CallStepFixtures.get(), CallBudget.DEFAULT);
	}

}
