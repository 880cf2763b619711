package io.qhub.service.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTransportException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeadlineStep}: the deadline is set when the call starts, handed to the steps
 * inside, and cuts everything inside at the call timeout or at the wait's deadline,
 * whichever comes first, naming which.
 */
class DeadlineStepTests {

	private final VirtualTime time = new VirtualTime();

	private final DeadlineStep step = new DeadlineStep(this.time, Duration.ofSeconds(5), CallStepFixtures.TARGET);

	@Test
	void aHangingCallIsCutAtTheCallTimeout() {
		StepVerifier.withVirtualTime(() -> this.step.process(context(CallBudget.DEFAULT), (context) -> Mono.never()))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(4999))
			.thenAwait(Duration.ofMillis(1))
			.verifyErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(HubTransportException.class)
					.hasMessage(
							"GET /{id} to " + CallStepFixtures.TARGET + " did not complete within 5s (callTimeout)");
				assertThat(((HubTransportException) ex).failureKind()).isEqualTo(FailureKind.TRANSIENT);
				assertThat(((HubTransportException) ex).requestMayHaveBeenSent()).isTrue();
			});
	}

	@Test
	void anEarlierWaitDeadlineCutsFirstAndIsNamed() {
		CallBudget budget = CallBudget.singleAttemptUntil(this.time.instant().plusSeconds(2));
		StepVerifier.withVirtualTime(() -> this.step.process(context(budget), (context) -> Mono.never()))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(1999))
			.thenAwait(Duration.ofMillis(1))
			.verifyErrorMessage("GET /{id} to " + CallStepFixtures.TARGET + " did not complete within the deadline of "
					+ "its wait");
	}

	@Test
	void aWaitDeadlineAlreadyPassedFailsWithoutRunningTheRest() {
		CallBudget budget = CallBudget.singleAttemptUntil(this.time.instant().minusSeconds(1));
		AtomicBoolean ran = new AtomicBoolean();
		Mono<Answer> rest = Mono.fromCallable(() -> {
			ran.set(true);
			return CallStepFixtures.answer(200, "{}");
		});
		StepVerifier.create(this.step.process(context(budget), (context) -> rest))
			.verifyErrorMessage("GET /{id} to " + CallStepFixtures.TARGET + " did not complete within the deadline of "
					+ "its wait");
		assertThat(ran).isFalse();
	}

	@Test
	void theDeadlineIsTakenWhenTheCallStartsAndHandedToTheStepsInside() {
		AtomicReference<Deadline> seen = new AtomicReference<>();
		Mono<Answer> call = this.step.process(context(CallBudget.DEFAULT), (context) -> {
			seen.set(context.requireDeadline());
			return Mono.just(CallStepFixtures.answer(200, "{}"));
		});
		this.time.advance(Duration.ofMinutes(1));
		Instant started = this.time.instant();
		StepVerifier.create(call).expectNextCount(1).verifyComplete();
		assertThat(seen.get().at()).isEqualTo(started.plusSeconds(5));
		assertThat(seen.get().reason()).isEqualTo("5s (callTimeout)");
	}

	@Test
	void anAnswerWithinTheDeadlinePassesUnchanged() {
		Answer answer = CallStepFixtures.answer(200, "{}");
		StepVerifier
			.withVirtualTime(() -> this.step.process(context(CallBudget.DEFAULT),
					(context) -> Mono.delay(Duration.ofSeconds(4)).thenReturn(answer)))
			.thenAwait(Duration.ofSeconds(4))
			.expectNext(answer)
			.verifyComplete();
	}

	private static CallContext context(CallBudget budget) {
		return CallContext.json(CallStepFixtures.get(), budget);
	}

}
