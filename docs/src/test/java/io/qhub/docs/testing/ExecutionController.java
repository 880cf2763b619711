package io.qhub.docs.testing;

// tag::controller[]
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.core.HubApiException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/executions")
class ExecutionController {

	private final HubServiceClient client;

	ExecutionController(HubServiceClient client) {
		this.client = client;
	}

	@PostMapping
	ResponseEntity<ServiceExecution> submit(@RequestBody Map<String, Object> request, UriComponentsBuilder uris) {
		HubServiceExecution execution = this.client.run(request);
		return ResponseEntity.created(uris.path("/executions/{id}").buildAndExpand(execution.id()).toUri())
			.body(execution.execution());
	}

	@GetMapping("/{id}")
	ServiceExecution status(@PathVariable String id) {
		return this.client.api().getStatus(id);
	}

	@GetMapping("/{id}/logs")
	List<LogEntry> logs(@PathVariable String id) {
		return this.client.api().getLogs(id);
	}

	@PostMapping("/{id}/cancel")
	ServiceExecution cancel(@PathVariable String id) {
		return this.client.api().cancelExecution(id);
	}

	// the gateway's 404 (an unknown id) stays 404, its other errors give 502
	@ExceptionHandler
	ProblemDetail gatewayError(HubApiException ex) {
		HttpStatus status = ex.isNotFound() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY;
		return ProblemDetail.forStatusAndDetail(status,
				"The Hub answered " + ex.statusCode() + " to " + ex.operation());
	}

}
// end::controller[]
