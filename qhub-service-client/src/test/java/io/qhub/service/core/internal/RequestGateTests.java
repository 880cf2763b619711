package io.qhub.service.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestGate}: at most as many calls are built as there are permits, the rest
 * wait in order and are built only when a permit frees; a call cancelled while it waits
 * is never built; a permit comes back however a call ends, or, for a held permit, when
 * the value lets it go (once); a long queue of calls that end at once drains without
 * recursion.
 */
class RequestGateTests {

	private final RequestGate gate = new RequestGate(2);

	private final List<Integer> built = new CopyOnWriteArrayList<>();

	private final List<Sinks.One<String>> answers = new CopyOnWriteArrayList<>();

	private Mono<String> call(int number) {
		return this.gate.run(() -> {
			this.built.add(number);
			Sinks.One<String> answer = Sinks.one();
			this.answers.add(answer);
			return answer.asMono();
		});
	}

	@Test
	void onlyAsManyCallsAsPermitsAreBuiltTheRestInOrder() {
		List<String> results = new CopyOnWriteArrayList<>();
		for (int i = 1; i <= 5; i++) {
			call(i).subscribe(results::add);
		}
		assertThat(this.built).containsExactly(1, 2);
		assertThat(this.gate.waiting()).isEqualTo(3);
		this.answers.get(0).tryEmitValue("one");
		assertThat(this.built).containsExactly(1, 2, 3);
		this.answers.get(1).tryEmitError(new IllegalStateException("failed"));
		assertThat(this.built).containsExactly(1, 2, 3, 4);
		this.answers.get(2).tryEmitEmpty();
		assertThat(this.built).containsExactly(1, 2, 3, 4, 5);
		assertThat(results).containsExactly("one");
	}

	@Test
	void aHeldPermitComesBackWhenTheValueLetsGoNotWhenItArrives() {
		List<Runnable> releases = new CopyOnWriteArrayList<>();
		for (int i = 1; i <= 3; i++) {
			int number = i;
			this.gate.run(() -> {
				this.built.add(number);
				return Mono.just("body " + number);
			}, (value, release) -> {
				releases.add(release);
				return value;
			}).subscribe();
		}
		assertThat(this.built).containsExactly(1, 2);
		releases.get(0).run();
		releases.get(0).run();
		assertThat(this.built).containsExactly(1, 2, 3);
		assertThat(this.gate.waiting()).isZero();
	}

	@Test
	void aCallCancelledWhileWaitingIsNeverBuilt() {
		call(1).subscribe();
		call(2).subscribe();
		Disposable third = call(3).subscribe();
		call(4).subscribe();
		third.dispose();
		this.answers.get(0).tryEmitValue("done");
		assertThat(this.built).containsExactly(1, 2, 4);
	}

	@Test
	void cancellingARunningCallFreesItsPermit() {
		Disposable first = call(1).subscribe();
		call(2).subscribe();
		call(3).subscribe();
		first.dispose();
		assertThat(this.built).containsExactly(1, 2, 3);
	}

	@Test
	void aDeadlineOnTheWaitCancelsIt() {
		call(1).subscribe();
		call(2).subscribe();
		String outcome = call(3).timeout(Duration.ofMillis(50), Mono.just("timed out")).block(Duration.ofSeconds(5));
		assertThat(outcome).isEqualTo("timed out");
		this.answers.get(0).tryEmitValue("done");
		assertThat(this.built).containsExactly(1, 2);
	}

	@Test
	void tenThousandCallsThatEndAtOnceDrainWithoutRecursion() {
		AtomicInteger ran = new AtomicInteger();
		RequestGate one = new RequestGate(1);
		Sinks.One<String> first = Sinks.one();
		one.run(() -> first.asMono()).subscribe();
		Flux.range(0, 10_000).subscribe((i) -> one.run(() -> Mono.fromCallable(ran::incrementAndGet)).subscribe());
		assertThat(ran).hasValue(0);
		first.tryEmitValue("go");
		assertThat(ran).hasValue(10_000);
		assertThat(one.waiting()).isZero();
	}

}
