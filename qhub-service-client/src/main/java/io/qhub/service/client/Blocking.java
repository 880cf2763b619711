package io.qhub.service.client;

import java.io.InputStream;
import java.util.Objects;
import java.util.stream.Stream;

import io.qhub.service.core.HubClientException;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ResponseEntity;

/**
 * How the blocking API waits for the reactive core: refuses to block a Reactor
 * non-blocking thread (which would stall every other call on that event loop) and turns
 * an interrupt (also one pending when the call starts, which then sends nothing) into a
 * {@link HubClientException} with the thread's interrupt flag kept.
 */
final class Blocking {

	/**
	 * How many buffers a result-file stream requests ahead; bounds the memory held per
	 * open stream.
	 */
	private static final int STREAM_PREFETCH = 8;

	/** How many elements a blocking stream over a {@code Flux} requests ahead. */
	private static final int ELEMENT_PREFETCH = 64;

	private Blocking() {
	}

	static <T> T await(Mono<T> call) {
		refuseNonBlockingThread();
		if (Thread.currentThread().isInterrupted()) {
			// as the JDK's blocking operations do: an interrupted thread does not start
			// one (nothing is sent)
			throw new HubClientException("Interrupted before the gateway call was sent");
		}
		try {
			T value = call.block();
			if (value == null) {
				throw new HubClientException("The gateway call completed without a value");
			}
			return value;
		}
		catch (RuntimeException ex) {
			if (Thread.currentThread().isInterrupted() || hasCause(ex, InterruptedException.class)) {
				Thread.currentThread().interrupt();
				throw new HubClientException("Interrupted while waiting for the gateway", ex);
			}
			throw ex;
		}
	}

	/**
	 * A lazy blocking stream over a {@code Flux}: refuses a Reactor non-blocking thread
	 * as {@link #await(Mono)} does; requests {@value #ELEMENT_PREFETCH} elements ahead;
	 * closing the stream cancels the flux. An error is thrown after every element that
	 * arrived before it: the flux is materialized, because Reactor's blocking iterator
	 * throws an error as soon as it is signalled, dropping the elements still queued.
	 * @param <T> the element
	 * @param elements the elements
	 * @return the stream
	 */
	static <T> Stream<T> stream(Flux<T> elements) {
		refuseNonBlockingThread();
		return elements.materialize()
			.toStream(ELEMENT_PREFETCH)
			.takeWhile((signal) -> !signal.isOnComplete())
			.map(Blocking::valueOrThrow);
	}

	private static <T> T valueOrThrow(Signal<T> signal) {
		Throwable error = signal.getThrowable();
		if (error != null) {
			throw Exceptions.propagate(error);
		}
		return Objects.requireNonNull(signal.get(), "an element signal holds its element");
	}

	/**
	 * Opens a streamed answer as an {@code InputStream}: returns once the status and
	 * headers have arrived (an error status throws here); the body is read with bounded
	 * buffering as the stream is read, and closing the stream releases the connection.
	 * @param response the streamed answer
	 * @return the open stream
	 */
	static InputStream stream(Mono<ResponseEntity<Flux<DataBuffer>>> response) {
		Flux<DataBuffer> body = await(response).getBody();
		return DataBufferUtils.subscriberInputStream((body != null) ? body : Flux.empty(), STREAM_PREFETCH);
	}

	private static void refuseNonBlockingThread() {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("A blocking HubServiceClient call was made on the non-blocking thread '"
					+ Thread.currentThread().getName() + "'; use HubServiceClient.reactive() (or api().reactive()) "
					+ "from reactive code instead");
		}
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable current = ex; current != null && current.getCause() != current; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
		}
		return false;
	}

}
