package io.qhub.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.ExecutionProgress;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The execution flow over REST, backed by the auto-configured {@link HubServiceClient}.
 * Gateway errors are mapped by {@link HubErrorHandler} (an unknown id gives 404).
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RequestMapping("/executions")
class ExecutionController {

	private final HubServiceClient client;

	private final Duration resultTimeout;

	ExecutionController(HubServiceClient client, @Value("${sample.rest.result-timeout:60s}") Duration resultTimeout) {
		this.client = client;
		this.resultTimeout = resultTimeout;
	}

	/**
	 * Starts an execution.
	 * @param request the service's parameters (any JSON object)
	 * @param uris builds the {@code Location}
	 * @return 201 with the new execution
	 */
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

	/**
	 * Where an execution stands in time: its status, how long it has been under way and,
	 * from what the client learned of the service's durations, when it is expected to end
	 * ({@code null} while unknown).
	 * @param id the execution id
	 * @return status, elapsed and expected time
	 */
	// tag::expected-end[]
	@GetMapping("/{id}/progress")
	Map<String, @Nullable Object> progress(@PathVariable String id) {
		HubServiceExecution execution = this.client.getServiceExecution(id);
		ExecutionProgress progress = execution.progress();
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("id", execution.id());
		body.put("status", execution.status());
		body.put("elapsedMillis", progress.elapsed().toMillis());
		body.put("expectedEnd", execution.expectedEnd().orElse(null));
		body.put("remainingMillis", progress.remaining().map(Duration::toMillis).orElse(null));
		body.put("fraction", progress.fraction().isPresent() ? progress.fraction().getAsDouble() : null);
		return body;
	}
	// end::expected-end[]

	/**
	 * The result, once the execution is final (waits up to
	 * {@code sample.rest.result-timeout}; 409 if it is still running then).
	 * @param id the execution id
	 * @return status, output fields and result file names
	 */
	@GetMapping("/{id}/result")
	Map<String, Object> result(@PathVariable String id) {
		HubServiceExecution execution = this.client.getServiceExecution(id);
		ServiceExecution last = execution.waitForFinalState(this.resultTimeout);
		ResultResponse result = execution.result();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", last.id());
		body.put("status", last.status());
		body.put("output", result.properties());
		body.put("files", result.fileNames());
		return body;
	}

	@GetMapping("/{id}/logs")
	List<LogEntry> logs(@PathVariable String id) {
		return this.client.api().getLogs(id);
	}

	@PostMapping("/{id}/cancel")
	ServiceExecution cancel(@PathVariable String id) {
		return this.client.api().cancelExecution(id);
	}

}
