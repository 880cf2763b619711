package io.qhub.test.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A fault a {@link LocalHubGateway} injects into the next {@code times} calls of one
 * operation: a delay, another status, a hostile way of delivering the answer (cut, never
 * sent, trickled, endless), or a hostile answer (one that echoes the request's
 * credentials and secrets, names another execution or none, or holds odd raw JSON). Build
 * one with the static factories; {@link #times(int)} changes how many calls it affects.
 *
 * @param operation the operation affected
 * @param times how many calls it affects
 * @param latency delay before answering ({@code Duration.ZERO} for none)
 * @param status status code to answer with instead of the real answer's, or 0 for the
 * real one
 * @param retryAfter {@code Retry-After} header value to send with {@code status}, or
 * {@code null}
 * @param delivery how the answer is sent
 * @param rewrite how the answer is changed before it is sent
 * @param answer a canned answer sent instead of the real one (with {@code status}), or
 * {@code null}
 * @param takesEffect whether the call takes effect as soon as it is received (a
 * {@code POST /} starts its execution, a cancel cancels), before the latency and before
 * {@code status} or the canned answer replaces the real answer: an answer lost after the
 * gateway acted (see {@link #afterTakingEffect()})
 */
public record InjectedFault(GatewayOperation operation, int times, Duration latency, int status,
		@Nullable String retryAfter, Delivery delivery, Rewrite rewrite, @Nullable Answer answer, boolean takesEffect) {

	/** Rejects nulls and a negative count. */
	public InjectedFault {
		Objects.requireNonNull(operation, "operation");
		Objects.requireNonNull(latency, "latency");
		Objects.requireNonNull(delivery, "delivery");
		Objects.requireNonNull(rewrite, "rewrite");
		if (times < 0) {
			throw new IllegalArgumentException("times must not be negative, was " + times);
		}
		if (answer != null && (status < 100 || status > 599)) {
			throw new IllegalArgumentException("a canned answer needs a status, was " + status);
		}
	}

	/**
	 * A fault whose call takes effect only when it is answered as it is.
	 * @param operation the operation affected
	 * @param times how many calls it affects
	 * @param latency delay before answering ({@code Duration.ZERO} for none)
	 * @param status status code to answer with instead of the real answer's, or 0 for the
	 * real one
	 * @param retryAfter {@code Retry-After} header value to send with {@code status}, or
	 * {@code null}
	 * @param delivery how the answer is sent
	 * @param rewrite how the answer is changed before it is sent
	 * @param answer a canned answer sent instead of the real one (with {@code status}),
	 * or {@code null}
	 */
	public InjectedFault(GatewayOperation operation, int times, Duration latency, int status,
			@Nullable String retryAfter, Delivery delivery, Rewrite rewrite, @Nullable Answer answer) {
		this(operation, times, latency, status, retryAfter, delivery, rewrite, answer, false);
	}

	/**
	 * A fault without a canned answer.
	 * @param operation the operation affected
	 * @param times how many calls it affects
	 * @param latency delay before answering ({@code Duration.ZERO} for none)
	 * @param status status code to answer with instead of the real answer's, or 0 for the
	 * real one
	 * @param retryAfter {@code Retry-After} header value to send with {@code status}, or
	 * {@code null}
	 * @param delivery how the answer is sent
	 * @param rewrite how the answer is changed before it is sent
	 */
	public InjectedFault(GatewayOperation operation, int times, Duration latency, int status,
			@Nullable String retryAfter, Delivery delivery, Rewrite rewrite) {
		this(operation, times, latency, status, retryAfter, delivery, rewrite, null);
	}

	/**
	 * Answer the next {@code times} calls as they are: a step in a sequence of faults for
	 * one operation (faults fire in the order they are injected), e.g. one real answer,
	 * then three 502s, then real answers again. Such a step is not listed by
	 * {@link LocalHubGateway#injectedFaults(GatewayOperation)}.
	 * @param operation the operation
	 * @param times how many calls
	 * @return the fault
	 */
	public static InjectedFault none(GatewayOperation operation, int times) {
		return new InjectedFault(operation, times, Duration.ZERO, 0, null, Delivery.WHOLE, Rewrite.NONE);
	}

	/**
	 * Answer the next call with a canned answer instead of the real one: any status, any
	 * content type and any body, as written (an HTML error page, an empty or malformed
	 * body, an error object the client must pass on). The call has no other effect: a
	 * {@code POST /} answered this way starts nothing. Combine with {@link #times(int)},
	 * {@link #withRetryAfter(String)} and {@link #droppedMidway()}.
	 * @param operation the operation
	 * @param status the status code
	 * @param contentType the {@code Content-Type}, or {@code null} for none
	 * @param body the body, sent as UTF-8 ({@code ""} for none)
	 * @return the fault, for one call
	 */
	public static InjectedFault answer(GatewayOperation operation, int status, @Nullable String contentType,
			String body) {
		return new InjectedFault(operation, 1, Duration.ZERO, status, null, Delivery.WHOLE, Rewrite.NONE,
				new Answer(contentType, Objects.requireNonNull(body, "body")));
	}

	/**
	 * Answer the next {@code times} calls with a status (e.g. 503, 429) instead of the
	 * real answer.
	 * @param operation the operation
	 * @param status the status code
	 * @param retryAfter a {@code Retry-After} value (seconds or HTTP date), or
	 * {@code null}
	 * @param times how many calls
	 * @return the fault
	 */
	public static InjectedFault status(GatewayOperation operation, int status, @Nullable String retryAfter, int times) {
		return new InjectedFault(operation, times, Duration.ZERO, status, retryAfter, Delivery.WHOLE, Rewrite.NONE);
	}

	/**
	 * Delay the next {@code times} calls.
	 * @param operation the operation
	 * @param latency the delay
	 * @param times how many calls
	 * @return the fault
	 */
	public static InjectedFault latency(GatewayOperation operation, Duration latency, int times) {
		return new InjectedFault(operation, times, latency, 0, null, Delivery.WHOLE, Rewrite.NONE);
	}

	/**
	 * Cut the connection halfway through the body of the next {@code times} answers (a
	 * successful answer's: error answers such as 401 or 404 are sent whole).
	 * @param operation the operation
	 * @param times how many calls
	 * @return the fault
	 */
	public static InjectedFault dropMidResponse(GatewayOperation operation, int times) {
		return delivery(operation, Delivery.DROP_MIDWAY).times(times);
	}

	/**
	 * Read the next request and never answer it (not even a status line), until the
	 * gateway closes.
	 * @param operation the operation
	 * @return the fault, for one call
	 */
	public static InjectedFault stall(GatewayOperation operation) {
		return delivery(operation, Delivery.STALL);
	}

	/**
	 * Send the next answer's status line, its headers (with the whole body's
	 * {@code Content-Length}) and the first half of its body, then nothing more until the
	 * gateway closes: a server that stalls mid-answer (a list or a log that stops
	 * coming).
	 * @param operation the operation
	 * @return the fault, for one call
	 */
	public static InjectedFault stallMidResponse(GatewayOperation operation) {
		return delivery(operation, Delivery.STALL_MIDWAY);
	}

	/**
	 * Send the next answer's status line and headers at once, then its body one byte per
	 * second.
	 * @param operation the operation
	 * @return the fault, for one call
	 */
	public static InjectedFault trickle(GatewayOperation operation) {
		return delivery(operation, Delivery.TRICKLE);
	}

	/**
	 * Answer the next call with its real status and an endless body (spaces after an
	 * opening bracket, as fast as the client reads).
	 * @param operation the operation
	 * @return the fault, for one call
	 */
	public static InjectedFault endlessBody(GatewayOperation operation) {
		return delivery(operation, Delivery.ENDLESS);
	}

	/**
	 * Answer the next call with {@code status} and a body that echoes what the request
	 * carried: its {@code Authorization} and {@code X-Auth-Token} headers (and, for a
	 * Basic header, the decoded key pair) and its body ({@code $secrets} and grant JWTs
	 * included). For the token endpoint the echo is an RFC 6749 error
	 * ({@code invalid_client}) whose {@code error_description} holds it. Tests that a
	 * client never shows what a server echoes.
	 * @param operation the operation
	 * @param status the status to answer with
	 * @return the fault, for one call
	 */
	public static InjectedFault echo(GatewayOperation operation, int status) {
		return new InjectedFault(operation, 1, Duration.ZERO, status, null, Delivery.WHOLE,
				new Rewrite(true, null, false, Map.of()));
	}

	/**
	 * Answer the next call about an execution ({@code GET /{id}}, {@code PUT
	 * /{id}/cancel}, the result's embedded status) as if it were about another one: its
	 * {@code id} replaced.
	 * @param operation the operation
	 * @param otherId the id to answer with
	 * @return the fault, for one call
	 */
	public static InjectedFault foreignId(GatewayOperation operation, String otherId) {
		return new InjectedFault(operation, 1, Duration.ZERO, 0, null, Delivery.WHOLE,
				new Rewrite(false, Objects.requireNonNull(otherId, "otherId"), false, Map.of()));
	}

	/**
	 * Answer the next call about an execution without its {@code id}.
	 * @param operation the operation
	 * @return the fault, for one call
	 */
	public static InjectedFault missingId(GatewayOperation operation) {
		return new InjectedFault(operation, 1, Duration.ZERO, 0, null, Delivery.WHOLE,
				new Rewrite(false, null, true, Map.of()));
	}

	/**
	 * Answer the next call with a redirect ({@code status}, e.g. 302, with a
	 * {@code Location} header and a small JSON error body) instead of the real answer:
	 * for tests that a client does not follow redirects.
	 * @param operation the operation
	 * @param status the redirect status, 300 to 399
	 * @param location the {@code Location} header value
	 * @return the fault, for one call
	 */
	public static InjectedFault redirect(GatewayOperation operation, int status, String location) {
		if (status < 300 || status > 399) {
			throw new IllegalArgumentException("status must be a redirect (3xx), was " + status);
		}
		return new InjectedFault(operation, 1, Duration.ZERO, status, null, Delivery.WHOLE, new Rewrite(false, null,
				false, Map.of(), Map.of("Location", Objects.requireNonNull(location, "location"))));
	}

	/**
	 * Set a top-level field of the next JSON answer to raw JSON, as written: an odd
	 * {@code expires_in} ({@code 3600.0}, {@code 1e30}), a timestamp out of range
	 * ({@code "createdAt"} → {@code 1e400}), a malformed {@code _links} ({@code "oops"},
	 * {@code {"f":7}}).
	 * @param operation the operation
	 * @param field the field
	 * @param rawJson the value, as JSON text
	 * @return the fault, for one call
	 */
	public static InjectedFault rawField(GatewayOperation operation, String field, String rawJson) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(rawJson, "rawJson"));
		return new InjectedFault(operation, 1, Duration.ZERO, 0, null, Delivery.WHOLE,
				new Rewrite(false, null, false, fields));
	}

	/**
	 * This fault for another number of calls.
	 * @param times how many calls
	 * @return the fault
	 */
	public InjectedFault times(int times) {
		return new InjectedFault(this.operation, times, this.latency, this.status, this.retryAfter, this.delivery,
				this.rewrite, this.answer, this.takesEffect);
	}

	/**
	 * This fault with a {@code Retry-After} header (only sent with a status or a canned
	 * answer).
	 * @param retryAfter the value (seconds, an HTTP date, or anything else), or
	 * {@code null} for none
	 * @return the fault
	 */
	public InjectedFault withRetryAfter(@Nullable String retryAfter) {
		return new InjectedFault(this.operation, this.times, this.latency, this.status, retryAfter, this.delivery,
				this.rewrite, this.answer, this.takesEffect);
	}

	/**
	 * This fault with its answer cut halfway through the body (a canned answer's too).
	 * @return the fault
	 */
	public InjectedFault droppedMidway() {
		return new InjectedFault(this.operation, this.times, this.latency, this.status, this.retryAfter,
				Delivery.DROP_MIDWAY, this.rewrite, this.answer, this.takesEffect);
	}

	/**
	 * This fault after the call has taken effect: the gateway acts on the request as soon
	 * as it is received (a {@code POST /} starts its execution, a {@code PUT
	 * /{id}/cancel} cancels), then delays, replaces or cuts the answer as the fault says.
	 * An answer lost after the gateway acted: e.g.
	 * {@code InjectedFault.status(START_EXECUTION, 502, null, 1).afterTakingEffect()} is
	 * a 502 from a gateway that forwarded the start, and
	 * {@code InjectedFault.latency(START_EXECUTION, 3 s, 1).afterTakingEffect()} an
	 * execution started while its answer is late. Operations without an effect are
	 * unchanged.
	 * @return the fault
	 */
	public InjectedFault afterTakingEffect() {
		return new InjectedFault(this.operation, this.times, this.latency, this.status, this.retryAfter, this.delivery,
				this.rewrite, this.answer, true);
	}

	/**
	 * Whether this fault leaves its calls as they are
	 * ({@link #none(GatewayOperation, int)}).
	 * @return {@code true} for a step that changes nothing
	 */
	public boolean changesNothing() {
		return this.latency.isZero() && this.status == 0 && this.delivery == Delivery.WHOLE
				&& this.rewrite.equals(Rewrite.NONE) && this.answer == null && !this.takesEffect;
	}

	private static InjectedFault delivery(GatewayOperation operation, Delivery delivery) {
		return new InjectedFault(operation, 1, Duration.ZERO, 0, null, delivery, Rewrite.NONE);
	}

	/** How an answer is sent. */
	public enum Delivery {

		/** As it is. */
		WHOLE,

		/** Cut halfway through the body. */
		DROP_MIDWAY,

		/** Never: the request is read and left unanswered. */
		STALL,

		/** Status, headers and half the body, then nothing until the gateway closes. */
		STALL_MIDWAY,

		/** Status and headers at once, then one byte of the body per second. */
		TRICKLE,

		/** Status and headers, then a body that never ends. */
		ENDLESS

	}

	/**
	 * How an answer is changed before it is sent.
	 *
	 * @param echo whether the body echoes the request's credentials and body
	 * @param id the {@code id} to answer with instead of the execution's own, or
	 * {@code null}
	 * @param removeId whether to answer without an {@code id}
	 * @param rawFields top-level fields set to raw JSON
	 * @param headers headers added to the answer (e.g. a redirect's {@code Location})
	 */
	public record Rewrite(boolean echo, @Nullable String id, boolean removeId, Map<String, String> rawFields,
			Map<String, String> headers) {

		/** No change. */
		public static final Rewrite NONE = new Rewrite(false, null, false, Map.of());

		/** Copies the fields and headers. */
		public Rewrite {
			rawFields = Map.copyOf(rawFields);
			headers = Map.copyOf(headers);
		}

		/**
		 * A change that adds no header.
		 * @param echo whether the body echoes the request's credentials and body
		 * @param id the {@code id} to answer with instead of the execution's own, or
		 * {@code null}
		 * @param removeId whether to answer without an {@code id}
		 * @param rawFields top-level fields set to raw JSON
		 */
		public Rewrite(boolean echo, @Nullable String id, boolean removeId, Map<String, String> rawFields) {
			this(echo, id, removeId, rawFields, Map.of());
		}

	}

	/**
	 * A canned answer, sent instead of the real one.
	 *
	 * @param contentType the {@code Content-Type}, or {@code null} for none
	 * @param body the body, sent as UTF-8
	 */
	public record Answer(@Nullable String contentType, String body) {

		/** Rejects a {@code null} body. */
		public Answer {
			Objects.requireNonNull(body, "body");
		}

	}

}
