package io.qhub.service.core.internal;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Lets an attempt run only with one of {@code maxConnections} permits (see
 * {@link RequestGate}), so calls beyond the pool's size wait without having built their
 * request. The permit comes back when the attempt ends; a 2xx streamed answer keeps it
 * until its body has been consumed or cancelled, as its connection stays busy until then
 * (a download whose answer arrived while its writer was still queued would otherwise hold
 * that answer, thousands of them at 10,000 in flight).
 * <p>
 * The gate sits <em>inside</em> {@link RetryStep}, not outside it as the first drawing of
 * the pipeline had it: a permit is taken per attempt, so a call sleeping its backoff
 * before the next attempt holds no permit that another call could use. It sits outside
 * {@link AuthorizeStep}: a token request waited for and the one renewal after a 401
 * happen within the attempt's permit.
 */
final class GateStep implements CallStep {

	private final RequestGate gate;

	/**
	 * A gate of its own.
	 * @param permits how many attempts may run at once: the pool's {@code maxConnections}
	 */
	GateStep(int permits) {
		this.gate = new RequestGate(permits);
	}

	@Override
	public Mono<Answer> process(CallContext context, Chain next) {
		return this.gate.run(() -> next.proceed(context), GateStep::hold);
	}

	/**
	 * Releases the permit now, or, for a streaming body, when that body ends in any way.
	 * @param answer the answer to a call that holds a permit
	 * @param release gives the permit back
	 * @return the answer, its stream (if any) releasing the permit when it ends
	 */
	private static Answer hold(Answer answer, Runnable release) {
		Flux<DataBuffer> stream = answer.stream();
		if (stream == null) {
			release.run();
			return answer;
		}
		return answer.withStream(stream.doFinally((signal) -> release.run()));
	}

}
