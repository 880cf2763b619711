package io.qhub.service.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.TransportRetryPolicy;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RetryStep}: only transient failures of the call's own operation are retried, an
 * unsafe call only when it was certainly not sent, with the one backoff or the server's
 * {@code Retry-After} (capped), never past the deadline, and only when the budget asks
 * for it. Virtual time: the sleeps are recorded, not slept.
 */
class RetryStepTests {

	private final VirtualTime time = new VirtualTime();

	private final RetryStep step = new RetryStep(
			new TransportRetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), 0), this.time, this.time);

	@Test
	void transientFailuresAreRetriedWithTheBackoffUntilAnAttemptSucceeds() {
		Answer ok = CallStepFixtures.answer(200, "{}");
		CallStepFixtures.Script rest = new CallStepFixtures.Script((context) -> Mono.error(reset("GET /{id}")),
				(context) -> Mono.error(api("GET /{id}", 503, null)), (context) -> Mono.just(ok));
		StepVerifier.create(this.step.process(get(Duration.ofSeconds(60)), rest)).expectNext(ok).verifyComplete();
		assertThat(rest.seen()).hasSize(3);
		assertThat(this.time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@Test
	void theLastFailureIsReportedWhenTheAttemptsAreUsedUp() {
		AtomicInteger attempts = new AtomicInteger();
		CallStepFixtures.Script rest = new CallStepFixtures.Script(
				(context) -> Mono.error(api("GET /{id}", 502, null, attempts.incrementAndGet())));
		StepVerifier.create(this.step.process(get(Duration.ofSeconds(60)), rest))
			.verifyErrorSatisfies((ex) -> assertThat(((HubApiException) ex).responseBody()).isEqualTo("attempt 4"));
		assertThat(this.time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void aPermanentFailureIsNotRetried() {
		CallStepFixtures.Script rest = new CallStepFixtures.Script(
				(context) -> Mono.error(api("GET /{id}", 400, null)));
		StepVerifier.create(this.step.process(get(Duration.ofSeconds(60)), rest)).verifyError(HubApiException.class);
		assertThat(rest.seen()).hasSize(1);
		assertThat(this.time.sleeps()).isEmpty();
	}

	@Test
	void aFailureOfAnotherOperationIsNotRetriedHereATokenRequestRetriedItAlready() {
		CallStepFixtures.Script rest = new CallStepFixtures.Script((context) -> Mono.error(
				new HubTokenException("https://hub.example/token", 503, null, "unavailable", FailureKind.TRANSIENT)));
		StepVerifier.create(this.step.process(get(Duration.ofSeconds(60)), rest)).verifyError(HubTokenException.class);
		assertThat(rest.seen()).hasSize(1);
	}

	@Test
	void anUnsafeCallThatMayHaveBeenSentIsNotRetried() {
		CallStepFixtures.Script rest = new CallStepFixtures.Script((context) -> Mono.error(reset("POST /")),
				(context) -> Mono.error(api("POST /", 503, null)));
		StepVerifier.create(this.step.process(post(), rest)).verifyError(HubTransportException.class);
		StepVerifier.create(this.step.process(post(), rest)).verifyError(HubApiException.class);
		assertThat(rest.seen()).hasSize(2);
	}

	@Test
	void anUnsafeCallThatCertainlyWasNotSentIsRetried() {
		Answer ok = CallStepFixtures.answer(201, "{}");
		CallStepFixtures.Script rest = new CallStepFixtures.Script((context) -> Mono.error(refused("POST /")),
				(context) -> Mono.just(ok));
		StepVerifier.create(this.step.process(post(), rest)).expectNext(ok).verifyComplete();
		assertThat(rest.seen()).hasSize(2);
	}

	@Test
	void retryAfterComesFirstCappedAtTheMaximumBackoff() {
		Answer ok = CallStepFixtures.answer(200, "{}");
		CallStepFixtures.Script rest = new CallStepFixtures.Script(
				(context) -> Mono.error(api("GET /{id}", 429, Duration.ofSeconds(3))),
				(context) -> Mono.error(api("GET /{id}", 503, Duration.ofMinutes(5))), (context) -> Mono.just(ok));
		StepVerifier.create(this.step.process(get(Duration.ofSeconds(60)), rest)).expectNext(ok).verifyComplete();
		assertThat(this.time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(8));
	}

	@Test
	void noRetryStartsThatWouldNotFitBeforeTheDeadline() {
		CallStepFixtures.Script rest = new CallStepFixtures.Script(
				(context) -> Mono.error(api("GET /{id}", 503, null)));
		StepVerifier.create(this.step.process(get(Duration.ofMillis(599)), rest)).verifyError(HubApiException.class);
		assertThat(rest.seen()).hasSize(1);
		assertThat(this.time.sleeps()).isEmpty();
		StepVerifier.create(this.step.process(get(Duration.ofMillis(600)), rest)).verifyError(HubApiException.class);
		assertThat(rest.seen()).hasSize(3);
		assertThat(this.time.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void aBudgetWithoutTransportRetryGetsOneAttempt() {
		CallStepFixtures.Script rest = new CallStepFixtures.Script((context) -> Mono.error(reset("GET /{id}")));
		CallContext context = CallContext.json(CallStepFixtures.get(), CallBudget.SINGLE_ATTEMPT);
		StepVerifier.create(this.step.process(context, rest)).verifyError(HubTransportException.class);
		assertThat(rest.seen()).hasSize(1);
	}

	@Test
	void runRetriesAnyAttemptByTheSameRulesAsForTokenRequests() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> token = this.step.run(TokenResponseReader.OPERATION, true, this.time.instant().plusSeconds(60),
				() -> (attempts.incrementAndGet() < 3) ? Mono.error(reset(TokenResponseReader.OPERATION))
						: Mono.just("token"));
		StepVerifier.create(token).expectNext("token").verifyComplete();
		assertThat(attempts).hasValue(3);
	}

	private CallContext get(Duration deadlineIn) {
		return CallStepFixtures.withDeadline(CallContext.json(CallStepFixtures.get(), CallBudget.DEFAULT), this.time,
				deadlineIn);
	}

	private CallContext post() {
		return CallStepFixtures.withDeadline(CallContext.json(CallStepFixtures.post("{}"), CallBudget.DEFAULT),
				this.time, Duration.ofSeconds(60));
	}

	private static HubTransportException reset(String operation) {
		return new HubTransportException(operation, operation + " lost its connection", null, FailureKind.TRANSIENT,
				true);
	}

	private static HubTransportException refused(String operation) {
		return new HubTransportException(operation, operation + " could not connect", null, FailureKind.TRANSIENT,
				false);
	}

	private static HubApiException api(String operation, int status, Duration retryAfter) {
		return new HubApiException(operation, status, "", retryAfter, HubApiException.classify(status));
	}

	private static HubApiException api(String operation, int status, Duration retryAfter, int attempt) {
		return new HubApiException(operation, status, "attempt " + attempt, retryAfter,
				HubApiException.classify(status));
	}

}
