package io.qhub.service.core.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Shares one in-flight {@code Mono} among concurrent callers: while a call is running,
 * every other caller gets the same result instead of starting its own. Once it completes
 * (value or error) the next caller starts anew.
 *
 * @param <T> the result type
 */
public final class SingleFlight<T> {

	private final AtomicReference<Mono<T>> inFlight = new AtomicReference<>();

	private final Supplier<Mono<T>> call;

	/**
	 * Creates a single-flight wrapper.
	 * @param call starts one call
	 */
	public SingleFlight(Supplier<Mono<T>> call) {
		this.call = call;
	}

	/**
	 * Joins the running call, or starts one.
	 * @return the shared result
	 */
	public Mono<T> get() {
		return Mono.defer(this::join);
	}

	private Mono<T> join() {
		while (true) {
			Mono<T> running = this.inFlight.get();
			if (running != null) {
				return running;
			}
			AtomicReference<Mono<T>> self = new AtomicReference<>();
			Runnable finish = () -> this.inFlight.compareAndSet(self.get(), null);
			// Cleared as soon as the result is known, before it reaches any caller: a
			// caller that saw the result
			// and asks again starts a new call instead of getting this (possibly failed)
			// one again.
			Mono<T> started = Mono.defer(this.call)
				.doOnEach((signal) -> finish.run())
				.doFinally((signal) -> finish.run())
				.cache();
			self.set(started);
			if (this.inFlight.compareAndSet(null, started)) {
				return started;
			}
		}
	}

}
