package io.qhub.service.core.internal;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Lets at most as many calls build their request as the pool has connections; the others
 * wait in a queue that holds, per call, only what is needed to start it later. Without
 * it, every call beyond the pool's size would hold its whole request (headers, body, the
 * HTTP client's per-request configuration, the reactive chain) while it waits for a
 * connection: at 10,000 calls in flight, tens of KiB each. A call that is cancelled while
 * it waits (its deadline passed) leaves the queue without ever being built. Fair (first
 * come, first served) and thread-safe; a permit is released when the call ends in any
 * way.
 */
final class RequestGate {

	private final int permits;

	private final ArrayDeque<Ticket<?>> waiting = new ArrayDeque<>();

	private final AtomicInteger draining = new AtomicInteger();

	private int inUse;

	RequestGate(int permits) {
		this.permits = permits;
	}

	/**
	 * The call, started when a permit is free.
	 * @param <T> the value
	 * @param call builds and runs the call
	 * @return the call's outcome
	 */
	<T> Mono<T> run(Supplier<Mono<T>> call) {
		return run(call, (value, release) -> {
			release.run();
			return value;
		});
	}

	/**
	 * Runs a call once a permit is free and keeps the permit beyond the call's value,
	 * until the value lets it go: for a streamed answer, whose connection stays busy
	 * until its body has been read.
	 * @param <T> the value
	 * @param call builds and sends the call
	 * @param holder given the value and the release (which runs once, however often it is
	 * called), returns the value that releases the permit when it is done with it
	 * @return the call; the permit is released at once when it fails, is cancelled or
	 * completes empty
	 */
	<T> Mono<T> run(Supplier<Mono<T>> call, BiFunction<T, Runnable, T> holder) {
		return Mono.create((sink) -> {
			Ticket<T> ticket = new Ticket<>(call, holder, sink);
			sink.onCancel(ticket::cancel);
			synchronized (this) {
				this.waiting.add(ticket);
			}
			drain();
		});
	}

	/**
	 * How many calls wait for a permit (cancelled ones not yet skipped included).
	 * @return the number of calls queued for a permit
	 */
	synchronized int waiting() {
		return this.waiting.size();
	}

	private void release() {
		synchronized (this) {
			this.inUse--;
		}
		drain();
	}

	/**
	 * Starts waiting calls while permits are free; one thread at a time, without
	 * recursion.
	 */
	private void drain() {
		if (this.draining.getAndIncrement() != 0) {
			return;
		}
		do {
			Ticket<?> next;
			while ((next = next()) != null) {
				next.start();
			}
		}
		while (this.draining.decrementAndGet() != 0);
	}

	private synchronized @Nullable Ticket<?> next() {
		while (this.inUse < this.permits && !this.waiting.isEmpty()) {
			Ticket<?> ticket = this.waiting.poll();
			if (!ticket.cancelled.get()) {
				this.inUse++;
				return ticket;
			}
		}
		return null;
	}

	/** One call: queued, then running, then done; its permit is released once. */
	private final class Ticket<T> {

		private final Supplier<Mono<T>> call;

		private final BiFunction<T, Runnable, T> holder;

		private final MonoSink<T> sink;

		private final AtomicBoolean cancelled = new AtomicBoolean();

		private final AtomicBoolean released = new AtomicBoolean();

		private volatile @Nullable Disposable running;

		Ticket(Supplier<Mono<T>> call, BiFunction<T, Runnable, T> holder, MonoSink<T> sink) {
			this.call = call;
			this.holder = holder;
			this.sink = sink;
		}

		void start() {
			if (this.cancelled.get()) {
				release();
				return;
			}
			Mono<T> mono;
			try {
				mono = this.call.get();
			}
			catch (RuntimeException ex) {
				release();
				this.sink.error(ex);
				return;
			}
			this.running = mono.contextWrite(this.sink.contextView())
				.map((value) -> this.holder.apply(value, this::release))
				.doOnError((ex) -> release())
				.doOnCancel(this::release)
				.switchIfEmpty(Mono.fromRunnable(this::release))
				.subscribe(this.sink::success, this.sink::error, this.sink::success);
			if (this.cancelled.get()) {
				dispose();
			}
		}

		void cancel() {
			if (this.cancelled.compareAndSet(false, true)) {
				dispose();
			}
		}

		private void dispose() {
			Disposable subscription = this.running;
			if (subscription != null) {
				subscription.dispose();
			}
		}

		private void release() {
			if (this.released.compareAndSet(false, true)) {
				RequestGate.this.release();
			}
		}

	}

}
