package io.qhub.service.core.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CallStep#chain}: the steps run outermost first, each around the rest, the end
 * last.
 */
class CallStepTests {

	@Test
	void stepsRunOutermostFirstEachAroundTheRestAndTheEndLast() {
		List<String> trace = new CopyOnWriteArrayList<>();
		CallStep.Chain chain = CallStep.chain(List.of(step("a", trace), step("b", trace)), (context) -> {
			trace.add("end");
			return Mono.just(CallStepFixtures.answer(200, "{}"));
		});
		Answer answer = chain.proceed(CallContext.json(CallStepFixtures.get(), CallBudget.DEFAULT)).block();
		assertThat(answer.status()).isEqualTo(200);
		assertThat(trace).containsExactly("a in", "b in", "end", "b out", "a out");
	}

	@Test
	void withoutStepsTheChainIsItsEnd() {
		CallStep.Chain end = (context) -> Mono.just(CallStepFixtures.answer(204, ""));
		assertThat(CallStep.chain(List.of(), end)).isSameAs(end);
	}

	private static CallStep step(String name, List<String> trace) {
		return (context, next) -> {
			trace.add(name + " in");
			return next.proceed(context).doOnNext((answer) -> trace.add(name + " out"));
		};
	}

}
