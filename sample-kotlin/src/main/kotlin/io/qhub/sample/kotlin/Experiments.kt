package io.qhub.sample.kotlin

// tag::service[]
import io.qhub.service.client.ReactiveHubServiceClient
import io.qhub.service.client.awaitRun
import io.qhub.service.client.awaitSuccessfulResult
import io.qhub.service.client.model.ServiceExecutionStatus
import io.qhub.service.client.watchAsFlow
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import org.springframework.stereotype.Service

/** The output of the sample's service (the local gateway's echo service returns the request's fields). */
data class BellResult(val circuit: String, val shots: Int)

/** Runs experiments on the Hub service configured under `qhub.service`, without blocking a thread. */
@Service
class Experiments(private val hub: ReactiveHubServiceClient) {

    /**
     * Runs the Bell circuit [shots] times and returns its result once the execution has succeeded; throws
     * ExecutionNotSucceededException (status, last log lines) when it failed or was cancelled.
     */
    suspend fun runBell(shots: Int): BellResult {
        val execution = hub.awaitRun(mapOf("circuit" to "bell", "shots" to shots))
        return execution.awaitSuccessfulResult<BellResult>()
    }

    /** The statuses of an execution started earlier, as they change, until its final one. */
    fun statuses(executionId: String): Flow<ServiceExecutionStatus> =
        hub.execution(executionId).watchAsFlow().map { it.status() }

}
// end::service[]
