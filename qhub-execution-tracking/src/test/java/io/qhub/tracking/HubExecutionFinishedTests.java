package io.qhub.tracking;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HubExecutionFinished}: the idempotency key is {@code service/id}; the string
 * form is short.
 */
class HubExecutionFinishedTests {

	private final HubExecutionFinished finished = new HubExecutionFinished("optimizer",
			ServiceExecution.of("e-1", ServiceExecutionStatus.FAILED));

	@Test
	void theIdempotencyKeyIsServiceSlashId() {
		assertThat(this.finished.idempotencyKey()).isEqualTo("optimizer/e-1");
	}

	@Test
	void theStringFormNamesTheKeyAndTheStatusOnly() {
		assertThat(this.finished).hasToString("HubExecutionFinished[optimizer/e-1, FAILED]");
	}

}
