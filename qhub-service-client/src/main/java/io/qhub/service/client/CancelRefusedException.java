package io.qhub.service.client;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;

/**
 * The gateway refused to cancel an execution (HTTP 400, 409 or 422 to {@code PUT
 * /{id}/cancel}, typically because it has already ended): states the execution's current
 * status, read again after the refusal (or the last one seen when that read failed). The
 * gateway's answer is the cause. {@link FailureKind#PERMANENT}.
 */
public class CancelRefusedException extends HubClientException {

	private static final long serialVersionUID = 1L;

	private final transient ServiceExecution execution;

	private final int statusCode;

	/**
	 * Creates an exception.
	 * @param execution the execution's current state
	 * @param refusal the gateway's answer
	 */
	public CancelRefusedException(ServiceExecution execution, HubApiException refusal) {
		super("The gateway refused to cancel execution " + execution.id() + " (HTTP " + refusal.statusCode()
				+ "); it is " + execution.status(), refusal, FailureKind.PERMANENT);
		this.execution = execution;
		this.statusCode = refusal.statusCode();
	}

	/**
	 * Whether the gateway's answer to a cancel is a refusal (400, 409, 422), rather than
	 * another failure (an unknown id, a rejected token, an unavailable gateway).
	 * @param failure the failure of {@code PUT /{id}/cancel}
	 * @return {@code true} for a refusal
	 */
	static boolean isRefusal(HubApiException failure) {
		int code = failure.statusCode();
		return code == 400 || code == 409 || code == 422;
	}

	/**
	 * The execution's state after the refusal.
	 * @return the execution
	 */
	public ServiceExecution execution() {
		return this.execution;
	}

	/**
	 * The execution's status after the refusal.
	 * @return the status
	 */
	public ServiceExecutionStatus status() {
		return this.execution.status();
	}

	/**
	 * The HTTP status of the refusal.
	 * @return e.g. 409
	 */
	public int statusCode() {
		return this.statusCode;
	}

}
