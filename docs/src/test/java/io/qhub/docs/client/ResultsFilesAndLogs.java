package io.qhub.docs.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import org.jspecify.annotations.Nullable;

final class ResultsFilesAndLogs {

	private ResultsFilesAndLogs() {
	}

	static @Nullable Object results(HubServiceExecution execution, Path results, OutputStream out) throws IOException {
		// tag::results[]
		// waits (bounded), then fetches with retries
		ResultResponse result = execution.result();
		Object sum = result.properties().get("sum"); // the service's output fields
		// the result's _links except status and self
		for (String name : execution.resultFiles()) {
			// into an existing directory
			Path file = execution.downloadResultFile(name, results);
			System.out.println("Downloaded " + file);
		}
		// streamed, never held in memory
		try (InputStream in = execution.resultFileStream("plot.png")) {
			in.transferTo(out);
		}
		for (LogEntry entry : execution.logs()) {
			System.out.println(entry.timestamp() + " " + entry.severity() + " " + entry.message());
		}
		execution.cancel(); // PUT /{id}/cancel; keeps the state the gateway reports
		// end::results[]
		return sum;
	}

}
