package io.qhub.service.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.TransportSettings;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * What the unit tests of the {@link CallStep}s share: calls, answers, a transport on
 * virtual time, and a scripted rest of the chain.
 */
final class CallStepFixtures {

	static final String TARGET = "https://hub.example/acme/svc/1.0.0";

	private CallStepFixtures() {
	}

	/** {@code GET /{id}}, safe, a 404 permanent; its decoder hands the body on. */
	static Call<byte[]> get() {
		return Call.get("/{id}", List.of("e-1"), FailureKind.PERMANENT, (body, headers) -> body);
	}

	/** {@code POST /}, unsafe, carrying the given secrets. */
	static Call<byte[]> post(String body, String... secrets) {
		return new Call<>("POST /", HttpMethod.POST, "/", List.of(), body.getBytes(StandardCharsets.UTF_8), false,
				FailureKind.PERMANENT, (answer, headers) -> answer, List.of(secrets));
	}

	/**
	 * The call with a deadline {@code in} from the clock's now, as {@link DeadlineStep}
	 * sets it.
	 */
	static CallContext withDeadline(CallContext context, VirtualTime time, Duration in) {
		return context.withDeadline(Deadline.of(time, in, null));
	}

	static Answer answer(int status, String body) {
		return Answer.read(status, new HttpHeaders(), body.getBytes(StandardCharsets.UTF_8));
	}

	static Answer answer(int status, String body, String retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
		return Answer.read(status, headers, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A transport (no connection is opened until a request is sent) on the given settings
	 * and virtual time.
	 */
	static Transport transport(TransportSettings settings, VirtualTime time) {
		return new Transport(new TransportContext(settings, ObservationRegistry.NOOP, null, "test", time, time));
	}

	/**
	 * A rest of the chain that answers each run with the next of the scripted outcomes
	 * (the last one for every further run) and remembers the context of each run.
	 */
	static final class Script implements CallStep.Chain {

		private final List<Function<CallContext, Mono<Answer>>> outcomes;

		private final List<CallContext> seen = new CopyOnWriteArrayList<>();

		@SafeVarargs
		Script(Function<CallContext, Mono<Answer>>... outcomes) {
			// element by element: handing the generic array itself on would be an unsafe
			// use of it
			List<Function<CallContext, Mono<Answer>>> list = new ArrayList<>(outcomes.length);
			for (Function<CallContext, Mono<Answer>> outcome : outcomes) {
				list.add(outcome);
			}
			this.outcomes = List.copyOf(list);
		}

		@Override
		public Mono<Answer> proceed(CallContext context) {
			return Mono.defer(() -> {
				this.seen.add(context);
				return this.outcomes.get(Math.min(this.seen.size(), this.outcomes.size()) - 1).apply(context);
			});
		}

		/** Every context the chain was run with, in order (one per subscription). */
		List<CallContext> seen() {
			return List.copyOf(this.seen);
		}

	}

}
