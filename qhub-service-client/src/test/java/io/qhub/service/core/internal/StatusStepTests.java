package io.qhub.service.core.internal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.Secrets;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StatusStep}: a 2xx answer passes; any other becomes a {@link HubApiException}
 * classified by its status (a 404 as the call says), with the redacted body and the
 * server's {@code Retry-After}.
 */
class StatusStepTests {

	private final VirtualTime time = new VirtualTime();

	private final StatusStep step = new StatusStep(this.time);

	@Test
	void aSuccessPassesUnchanged() {
		Answer answer = CallStepFixtures.answer(204, "");
		StepVerifier.create(this.step.process(get(), (context) -> Mono.just(answer)))
			.expectNext(answer)
			.verifyComplete();
	}

	@Test
	void aServerErrorIsTransientWithItsBodyAndRetryAfter() {
		StepVerifier.create(this.step.process(get(), (context) -> Mono.just(CallStepFixtures.answer(503, "busy", "7"))))
			.verifyErrorSatisfies((ex) -> {
				HubApiException api = (HubApiException) ex;
				assertThat(api.operation()).isEqualTo("GET /{id}");
				assertThat(api.statusCode()).isEqualTo(503);
				assertThat(api.responseBody()).isEqualTo("busy");
				assertThat(api.retryAfter()).contains(Duration.ofSeconds(7));
				assertThat(api.failureKind()).isEqualTo(FailureKind.TRANSIENT);
			});
	}

	@Test
	void aRetryAfterDateIsReadOnTheClientsClock() {
		String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(this.time.instant().plusSeconds(90).atOffset(ZoneOffset.UTC));
		StepVerifier
			.create(this.step.process(get(), (context) -> Mono.just(CallStepFixtures.answer(429, "", inNinetySeconds))))
			.verifyErrorSatisfies(
					(ex) -> assertThat(((HubApiException) ex).retryAfter()).contains(Duration.ofSeconds(90)));
	}

	@Test
	void aNotFoundIsClassifiedAsTheCallSays() {
		Call<byte[]> result = Call.get("/{id}/result", List.of("e-1"), FailureKind.NOT_YET_AVAILABLE,
				(body, headers) -> body);
		StepVerifier
			.create(this.step.process(CallContext.json(result, CallBudget.DEFAULT),
					(context) -> Mono.just(CallStepFixtures.answer(404, "not yet"))))
			.verifyErrorSatisfies(
					(ex) -> assertThat(((HubApiException) ex).failureKind()).isEqualTo(FailureKind.NOT_YET_AVAILABLE));
		StepVerifier.create(this.step.process(get(), (context) -> Mono.just(CallStepFixtures.answer(404, "gone"))))
			.verifyErrorSatisfies(
					(ex) -> assertThat(((HubApiException) ex).failureKind()).isEqualTo(FailureKind.PERMANENT));
	}

	@Test
	void aSecretEchoedInTheErrorBodyIsRedacted() {
		Secrets.Registration secret = Secrets.register("echoed-secret-value");
		try {
			StepVerifier
				.create(this.step.process(get(),
						(context) -> Mono.just(CallStepFixtures.answer(400, "bad token echoed-secret-value"))))
				.verifyErrorSatisfies((ex) -> {
					assertThat(((HubApiException) ex).responseBody()).isEqualTo("bad token <redacted>");
					assertThat(ex.getMessage()).doesNotContain("echoed-secret-value").contains("<redacted>");
				});
		}
		finally {
			secret.release();
		}
	}

	private static CallContext get() {
		return CallContext.json(CallStepFixtures.get(), CallBudget.DEFAULT);
	}

}
