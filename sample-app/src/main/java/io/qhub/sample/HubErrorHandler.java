package io.qhub.sample;

import io.qhub.service.client.ExecutionTimeoutException;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps client exceptions to problem responses: the gateway's 404 stays 404, other gateway
 * errors give 502.
 */
@RestControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class HubErrorHandler {

	@ExceptionHandler
	ProblemDetail apiError(HubApiException ex) {
		if (ex.isNotFound()) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such execution on the Hub");
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The Hub answered " + ex.statusCode() + " to " + ex.operation());
		problem.setProperty("hubStatus", ex.statusCode());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail stillRunning(ExecutionTimeoutException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The execution has not finished yet");
	}

	@ExceptionHandler
	ProblemDetail clientError(HubClientException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The Hub could not be reached: " + ex.getClass().getSimpleName());
	}

}
