package io.qhub.service.client;

import java.time.Clock;

import io.qhub.service.client.internal.ExecutionPoller;
import io.qhub.service.client.internal.ExecutionWaitObserver;
import io.qhub.service.client.internal.GatewayOperations;
import io.qhub.service.client.internal.LearnedSchedule;
import io.qhub.service.client.internal.ResultConverter;
import io.qhub.service.client.internal.ResultFetcher;
import io.qhub.service.client.internal.ResultFileDownloader;
import io.qhub.service.client.internal.SubmissionRecovery;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.Sleeper;

/**
 * What one client's executions are followed with, shared by the client and every
 * execution handle it gives out: the gateway operations, the learned schedule, the
 * poller, the result retry, downloads, conversion and the wait observation.
 *
 * @param operations the seven gateway operations
 * @param serviceName the service's name in observations and for trackers
 * @param polling the default polling policy
 * @param schedule the learned polling schedule
 * @param poller the one poller of waits
 * @param results the result retry
 * @param downloader writes result files into place
 * @param converter reads results as application types
 * @param waitObserver observes waits
 * @param clock the client's clock
 * @param sleeper waits between polls
 * @param submissionKeys whether starts carry a submission key
 * @param recovery finds an execution whose start answer was lost
 */
record ClientRuntime(GatewayOperations operations, String serviceName, PollingPolicy polling, LearnedSchedule schedule,
		ExecutionPoller poller, ResultFetcher results, ResultFileDownloader downloader, ResultConverter converter,
		ExecutionWaitObserver waitObserver, Clock clock, Sleeper sleeper, boolean submissionKeys,
		SubmissionRecovery recovery) {

	static ClientRuntime of(GatewayOperations operations, String serviceName, PollingPolicy polling,
			ResultRetryPolicy resultRetry, Sleeper sleeper, Clock clock, ExecutionWaitObserver waitObserver,
			boolean submissionKeys) {
		LearnedSchedule schedule = new LearnedSchedule();
		return new ClientRuntime(operations, serviceName, polling, schedule,
				new ExecutionPoller(operations, schedule, sleeper, clock),
				new ResultFetcher(operations, resultRetry, sleeper), new ResultFileDownloader(), new ResultConverter(),
				waitObserver, clock, sleeper, submissionKeys, new SubmissionRecovery(operations));
	}

}
