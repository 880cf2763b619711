package io.qhub.sample.kotlin

import io.qhub.service.client.ReactiveHubServiceClient
import io.qhub.service.client.awaitFinalState
import io.qhub.service.client.awaitResult
import io.qhub.service.client.awaitRun
import io.qhub.service.client.model.ServiceExecutionStatus
import io.qhub.service.client.watchAsFlow
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import org.springframework.stereotype.Service

// tag::service[]
/** The output of the sample's service (the local gateway's echo service returns the request's fields). */
data class BellResult(val circuit: String, val shots: Int)

/** Runs experiments on the Hub service configured under `qhub.service`, without blocking a thread. */
@Service
class Experiments(private val hub: ReactiveHubServiceClient) {

    /** Runs the Bell circuit [shots] times and returns its result once the execution has succeeded. */
    suspend fun runBell(shots: Int): BellResult {
        val execution = hub.awaitRun(mapOf("circuit" to "bell", "shots" to shots))
        val final = execution.awaitFinalState()
        check(final.status() == ServiceExecutionStatus.SUCCEEDED) { "execution ${execution.id()} ended ${final.status()}" }
        return execution.awaitResult<BellResult>()
    }

    /** The statuses of an execution started earlier, as they change, until its final one. */
    fun statuses(executionId: String): Flow<ServiceExecutionStatus> =
        hub.execution(executionId).watchAsFlow().map { it.status() }

}
// end::service[]
