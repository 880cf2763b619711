package io.qhub.service.core.internal;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * One step of the call pipeline (Azure's {@code HttpPipelinePolicy}, openai-java's
 * {@code HttpClient} decorators): it may act before the rest of the chain, call it (once,
 * several times, or not at all) and act on its answer or failure. {@link Exchange}
 * assembles its steps once, outermost first, with {@link SendStep} at the end.
 */
@FunctionalInterface
interface CallStep {

	/**
	 * Runs this step around the rest of the chain.
	 * @param context the call and what earlier steps learned about it
	 * @param next the rest of the chain
	 * @return the answer, or the call's failure
	 */
	Mono<Answer> process(CallContext context, Chain next);

	/**
	 * The steps in order, ending with {@code end}, as one chain.
	 * @param steps the steps, outermost first
	 * @param end what the innermost step calls
	 * @return the chain that starts with the first step
	 */
	static Chain chain(List<? extends CallStep> steps, Chain end) {
		Chain chain = end;
		for (int i = steps.size() - 1; i >= 0; i--) {
			CallStep step = steps.get(i);
			Chain next = chain;
			chain = (context) -> step.process(context, next);
		}
		return chain;
	}

	/** The rest of the chain, as a step sees it. */
	@FunctionalInterface
	interface Chain {

		/**
		 * Runs the rest of the chain; each call of it (a retry, a renewal) is a new run.
		 * @param context the call
		 * @return the answer, or the call's failure
		 */
		Mono<Answer> proceed(CallContext context);

	}

}
