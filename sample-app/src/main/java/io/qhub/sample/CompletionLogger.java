package io.qhub.sample;

import io.qhub.tracking.HubExecutionFinished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs every tracked execution's completion, delivered by the tracker as an application
 * event (at least once: a real listener would key its side effects by
 * {@link HubExecutionFinished#idempotencyKey()}).
 */
@Component
class CompletionLogger {

	private static final Logger logger = LoggerFactory.getLogger(CompletionLogger.class);

	@EventListener
	void finished(HubExecutionFinished event) {
		logger.info("[tracker] execution {} of service '{}' finished: {} (key {})", event.execution().id(),
				event.service(), event.execution().status(), event.idempotencyKey());
	}

}
