package io.qhub.service.core.internal;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Sets the call's {@link Deadline} when the call starts (its call timeout, or the
 * deadline of the wait it is part of, whichever comes first) and cuts everything inside
 * at that instant: the wait for a connection permit, the retries and their backoff, the
 * token requests and the answer (until the headers of a streamed one). A cut call fails
 * with a transient {@code HubTransportException} that names the limit. Outermost step but
 * the secrets scope, so that no step inside can outlive the promise.
 */
final class DeadlineStep implements CallStep {

	private final Clock clock;

	private final Duration callTimeout;

	private final String target;

	/**
	 * The step for calls of one endpoint.
	 * @param clock the client's clock
	 * @param callTimeout the call timeout
	 * @param target where calls go (user-info masked), for the message
	 */
	DeadlineStep(Clock clock, Duration callTimeout, String target) {
		this.clock = clock;
		this.callTimeout = callTimeout;
		this.target = target;
	}

	@Override
	public Mono<Answer> process(CallContext context, Chain next) {
		return Mono.defer(() -> {
			Deadline deadline = Deadline.of(this.clock, this.callTimeout, context.budget().deadline());
			return deadline.bound(next.proceed(context.withDeadline(deadline)), context.operation(), this.target);
		});
	}

}
