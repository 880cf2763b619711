package io.qhub.service.core.internal;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One call on its way through the {@link CallStep} chain: what is sent, its budget, and
 * what the steps outside learned about it. Immutable; a step hands a copy with its
 * addition on.
 *
 * @param call the call
 * @param budget its deadline and retry
 * @param streamed whether a 2xx answer's body is streamed instead of read whole
 * @param acceptAny whether any content type is accepted ({@code Accept: *}{@code /*}, a
 * result file) rather than JSON
 * @param deadline when the call must have ended, once {@link DeadlineStep} has set it
 * @param authorization the authorization to send, once {@link AuthorizeStep} has set it;
 * none without one
 */
record CallContext(Call<?> call, CallBudget budget, boolean streamed, boolean acceptAny, @Nullable Deadline deadline,
		Credentials.@Nullable Authorization authorization) {

	/**
	 * A call whose answer is read as JSON.
	 * @param call the call
	 * @param budget its deadline and retry
	 * @return the context
	 */
	static CallContext json(Call<?> call, CallBudget budget) {
		return new CallContext(call, budget, false, false, null, null);
	}

	/**
	 * A call whose 2xx answer's body is streamed.
	 * @param call the call
	 * @param budget its deadline (until the headers) and retry
	 * @return the context
	 */
	static CallContext stream(Call<?> call, CallBudget budget) {
		return new CallContext(call, budget, true, true, null, null);
	}

	/**
	 * A call whose 2xx answer is JSON read as it streams (a long list, element by
	 * element).
	 * @param call the call
	 * @param budget its deadline (until the headers) and retry
	 * @return the context
	 */
	static CallContext streamJson(Call<?> call, CallBudget budget) {
		return new CallContext(call, budget, true, false, null, null);
	}

	/**
	 * This call with its deadline.
	 * @param deadline the deadline
	 * @return the context
	 */
	CallContext withDeadline(Deadline deadline) {
		return new CallContext(this.call, this.budget, this.streamed, this.acceptAny, deadline, this.authorization);
	}

	/**
	 * This call with the authorization to send.
	 * @param authorization the authorization
	 * @return the context
	 */
	CallContext authorizedBy(Credentials.Authorization authorization) {
		return new CallContext(this.call, this.budget, this.streamed, this.acceptAny, this.deadline, authorization);
	}

	/**
	 * The deadline, for a step inside {@link DeadlineStep}.
	 * @return the deadline
	 * @throws NullPointerException when no deadline is set
	 */
	Deadline requireDeadline() {
		return Objects.requireNonNull(this.deadline, "no deadline is set: the step must run inside a DeadlineStep");
	}

	/**
	 * The operation, for messages.
	 * @return e.g. {@code "GET /{id}"}
	 */
	String operation() {
		return this.call.operation();
	}

}
