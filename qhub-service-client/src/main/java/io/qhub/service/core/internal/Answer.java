package io.qhub.service.core.internal;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;

/**
 * What a server answered to one call, as the {@link CallStep} chain passes it on: the
 * status, the headers, and the body either read whole ({@code body}: a JSON answer, or
 * any error answer) or, for a 2xx answer to a streamed call, still streaming
 * ({@code stream}, which its subscriber must consume or cancel).
 *
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the body read whole; empty when streamed or absent
 * @param stream the streaming body of a 2xx answer to a streamed call, else {@code null}
 */
record Answer(int status, HttpHeaders headers, byte[] body, @Nullable Flux<DataBuffer> stream) {

	private static final byte[] EMPTY = new byte[0];

	/**
	 * An answer whose body has been read whole.
	 * @param status the status
	 * @param headers the headers
	 * @param body the body, empty when absent
	 * @return the answer
	 */
	static Answer read(int status, HttpHeaders headers, byte[] body) {
		return new Answer(status, headers, body, null);
	}

	/**
	 * An answer whose body still streams.
	 * @param status the status
	 * @param headers the headers
	 * @param stream the body
	 * @return the answer
	 */
	static Answer streamed(int status, HttpHeaders headers, Flux<DataBuffer> stream) {
		return new Answer(status, headers, EMPTY, stream);
	}

	/**
	 * Whether the status is 2xx.
	 * @return {@code true} for a success
	 */
	boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

	/**
	 * This answer with its streaming body replaced, e.g. by one that does something when
	 * it ends.
	 * @param stream the new body
	 * @return the answer
	 */
	Answer withStream(Flux<DataBuffer> stream) {
		return new Answer(this.status, this.headers, this.body, stream);
	}

}
