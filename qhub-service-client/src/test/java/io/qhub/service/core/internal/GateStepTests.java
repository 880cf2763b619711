package io.qhub.service.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GateStep}: an attempt runs only with a permit; a permit comes back when an
 * answer read whole arrives or the attempt fails, but a streamed answer keeps it until
 * its body completes or is cancelled.
 */
class GateStepTests {

	private final GateStep step = new GateStep(1);

	private final List<Sinks.One<Answer>> attempts = new CopyOnWriteArrayList<>();

	private final CallStep.Chain rest = (context) -> Mono.defer(() -> {
		Sinks.One<Answer> answer = Sinks.one();
		this.attempts.add(answer);
		return answer.asMono();
	});

	@Test
	void anAttemptWaitsForThePermitOfTheOneBeforeUntilItsAnswerArrives() {
		List<Answer> answers = new CopyOnWriteArrayList<>();
		this.step.process(json(), this.rest).subscribe(answers::add);
		this.step.process(json(), this.rest).subscribe(answers::add);
		assertThat(this.attempts).hasSize(1);
		Answer first = CallStepFixtures.answer(200, "{}");
		this.attempts.get(0).tryEmitValue(first);
		assertThat(answers).containsExactly(first);
		assertThat(this.attempts).hasSize(2);
	}

	@Test
	void aFailedAttemptGivesItsPermitBack() {
		StepVerifier.create(this.step.process(json(), this.rest))
			.then(() -> this.attempts.get(0).tryEmitError(new IllegalStateException("failed")))
			.verifyError(IllegalStateException.class);
		this.step.process(json(), this.rest).subscribe();
		assertThat(this.attempts).hasSize(2);
	}

	@Test
	void aStreamedAnswerKeepsItsPermitUntilItsBodyCompletes() {
		Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
		Answer streamed = streamed(body.asFlux());
		List<Answer> answers = new CopyOnWriteArrayList<>();
		this.step.process(stream(), this.rest).subscribe(answers::add);
		this.attempts.get(0).tryEmitValue(streamed);
		this.step.process(json(), this.rest).subscribe();
		assertThat(this.attempts).as("the second attempt waits while the body streams").hasSize(1);
		List<String> chunks = new CopyOnWriteArrayList<>();
		answers.get(0).stream().map(GateStepTests::text).subscribe(chunks::add);
		body.tryEmitNext(buffer("part"));
		assertThat(this.attempts).hasSize(1);
		body.tryEmitComplete();
		assertThat(chunks).containsExactly("part");
		assertThat(this.attempts).as("the body ended: the permit came back").hasSize(2);
	}

	@Test
	void aStreamedAnswerWhoseBodyIsCancelledGivesItsPermitBack() {
		Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
		List<Answer> answers = new CopyOnWriteArrayList<>();
		this.step.process(stream(), this.rest).subscribe(answers::add);
		this.attempts.get(0).tryEmitValue(streamed(body.asFlux()));
		this.step.process(json(), this.rest).subscribe();
		Disposable reading = answers.get(0).stream().subscribe();
		assertThat(this.attempts).hasSize(1);
		reading.dispose();
		assertThat(this.attempts).hasSize(2);
	}

	@Test
	void aStreamedCallWhoseAnswerIsReadWholeGivesItsPermitBackAtOnce() {
		this.step.process(stream(), this.rest).subscribe();
		this.attempts.get(0).tryEmitValue(CallStepFixtures.answer(404, "no such file"));
		this.step.process(json(), this.rest).subscribe();
		assertThat(this.attempts).hasSize(2);
	}

	private static CallContext json() {
		return CallContext.json(CallStepFixtures.get(), CallBudget.DEFAULT);
	}

	private static CallContext stream() {
		return CallContext.stream(CallStepFixtures.get(), CallBudget.DEFAULT);
	}

	private static Answer streamed(Flux<DataBuffer> body) {
		return Answer.streamed(200, new HttpHeaders(), body);
	}

	private static DataBuffer buffer(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String text(DataBuffer buffer) {
		return buffer.toString(StandardCharsets.UTF_8);
	}

}
