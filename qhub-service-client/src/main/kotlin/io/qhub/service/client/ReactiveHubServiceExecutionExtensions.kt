/*
 * Coroutine extensions of ReactiveHubServiceExecution: one function per member that returns a Mono or a Flux, named
 * as in ReactiveHubServiceClientExtensions.kt ("await" + the member's name less "get"/"waitFor"; Flux: + "AsFlow").
 * Cancelling the coroutine cancels the subscription, and with it the wait's timer and the request in flight.
 */
package io.qhub.service.client

import io.qhub.service.client.model.LogEntry
import io.qhub.service.client.model.ResultResponse
import io.qhub.service.client.model.ServiceExecution
import java.nio.file.Path
import java.time.Duration
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactor.awaitSingle
import org.springframework.core.io.buffer.DataBuffer

/**
 * Fetches the current state and keeps it: [ReactiveHubServiceExecution.refresh] as a suspend function.
 *
 * @return the new state
 */
public suspend fun ReactiveHubServiceExecution.awaitRefresh(): ServiceExecution = refresh().awaitSingle()

/**
 * Whether the execution has reached a final state, refreshing it first unless known final:
 * [ReactiveHubServiceExecution.hasFinished] as a suspend function.
 *
 * @return `true` once SUCCEEDED, FAILED or CANCELLED
 */
public suspend fun ReactiveHubServiceExecution.awaitHasFinished(): Boolean = hasFinished().awaitSingle()

/**
 * Follows the execution: [ReactiveHubServiceExecution.watch] as a [Flow] of its states, one per status, completing
 * after the final state. Polls only while collected; cancelling the collector stops the polling.
 *
 * @return the states
 */
public fun ReactiveHubServiceExecution.watchAsFlow(): Flow<ServiceExecution> = watch().asFlow()

/**
 * Follows the execution with its progress: [ReactiveHubServiceExecution.watchProgress] as a [Flow], one element per
 * poll (elapsed, expected time, remaining, fraction), completing after the final state.
 *
 * @return the progress at each poll
 */
public fun ReactiveHubServiceExecution.watchProgressAsFlow(): Flow<ExecutionProgress> = watchProgress().asFlow()

/**
 * Waits for a final state under the client's default polling policy: [ReactiveHubServiceExecution.waitForFinalState]
 * as a suspend function. Cancelling the coroutine ends the wait, with the poll in flight.
 *
 * @return the final state; throws [ExecutionTimeoutException] when the policy's timeout passes first
 */
public suspend fun ReactiveHubServiceExecution.awaitFinalState(): ServiceExecution =
    waitForFinalState().awaitSingle()

/**
 * Waits for a final state, at most [timeout]: [ReactiveHubServiceExecution.waitForFinalState] as a suspend function.
 *
 * @param timeout the longest wait
 * @return the final state; throws [ExecutionTimeoutException] when [timeout] passes first
 */
public suspend fun ReactiveHubServiceExecution.awaitFinalState(timeout: Duration): ServiceExecution =
    waitForFinalState(timeout).awaitSingle()

/**
 * Waits for a final state, at most [timeout], polling at least every [wait]:
 * [ReactiveHubServiceExecution.waitForFinalState] as a suspend function.
 *
 * @param timeout the longest wait
 * @param wait the longest delay between two polls
 * @return the final state; throws [ExecutionTimeoutException] when [timeout] passes first
 */
public suspend fun ReactiveHubServiceExecution.awaitFinalState(timeout: Duration, wait: Duration): ServiceExecution =
    waitForFinalState(timeout, wait).awaitSingle()

/**
 * The result as the gateway sends it (output fields, links, embedded state), after waiting for the final state:
 * [ReactiveHubServiceExecution.result] as a suspend function. Fetched once and kept.
 *
 * @return the result response
 * @see awaitResult
 */
public suspend fun ReactiveHubServiceExecution.awaitResultResponse(): ResultResponse = result().awaitSingle()

/**
 * The result's output fields read as [T], after waiting for the final state:
 * [ReactiveHubServiceExecution.result] with `T::class.java` as a suspend function.
 *
 * ```
 * data class Counts(val counts: Map<String, Int>)
 * val counts: Counts = execution.awaitResult()
 * ```
 *
 * @param T a data class, record or bean Jackson reads from a JSON object
 * @return the value; throws [io.qhub.service.core.ResultConversionException] naming the type and the field when
 * the result does not fit
 */
public suspend inline fun <reified T : Any> ReactiveHubServiceExecution.awaitResult(): T =
    result(T::class.java).awaitSingle()

/**
 * The result as the gateway sends it, only if the execution SUCCEEDED:
 * [ReactiveHubServiceExecution.successfulResult] as a suspend function.
 *
 * @return the result response; throws [ExecutionNotSucceededException] (status, last log lines) when the execution
 * ended FAILED or CANCELLED
 */
public suspend fun ReactiveHubServiceExecution.awaitSuccessfulResultResponse(): ResultResponse =
    successfulResult().awaitSingle()

/**
 * The result's output fields read as [T], only if the execution SUCCEEDED:
 * [ReactiveHubServiceExecution.successfulResult] with `T::class.java` as a suspend function.
 *
 * @param T a data class, record or bean Jackson reads from a JSON object
 * @return the value; throws [ExecutionNotSucceededException] (status, last log lines) when the execution ended
 * FAILED or CANCELLED
 */
public suspend inline fun <reified T : Any> ReactiveHubServiceExecution.awaitSuccessfulResult(): T =
    successfulResult(T::class.java).awaitSingle()

/**
 * Names of the downloadable result files, after waiting for the result:
 * [ReactiveHubServiceExecution.resultFiles] as a suspend function.
 *
 * @return the file names
 */
public suspend fun ReactiveHubServiceExecution.awaitResultFiles(): List<String> = resultFiles().awaitSingle()

/**
 * One JSON result file read as [T]: [ReactiveHubServiceExecution.resultFile] with `T::class.java` as a suspend
 * function.
 *
 * @param T the type
 * @param name the file name
 * @return the value
 */
public suspend inline fun <reified T : Any> ReactiveHubServiceExecution.awaitResultFile(name: String): T =
    resultFile(name, T::class.java).awaitSingle()

/**
 * Streams one result file: [ReactiveHubServiceExecution.resultFile] as a [Flow]. The collector must release each
 * buffer ([org.springframework.core.io.buffer.DataBufferUtils.release]).
 *
 * @param name the file name
 * @return the file's bytes
 */
public fun ReactiveHubServiceExecution.resultFileAsFlow(name: String): Flow<DataBuffer> = resultFile(name).asFlow()

/**
 * Downloads one result file into a directory, replacing it only when complete:
 * [ReactiveHubServiceExecution.downloadResultFile] as a suspend function.
 *
 * @param name the file name
 * @param targetDirectory an existing directory
 * @return the path written
 */
public suspend fun ReactiveHubServiceExecution.awaitDownloadResultFile(name: String, targetDirectory: Path): Path =
    downloadResultFile(name, targetDirectory).awaitSingle()

/**
 * The execution's log, oldest entry first: [ReactiveHubServiceExecution.logs] as a suspend function.
 *
 * @return the entries
 */
public suspend fun ReactiveHubServiceExecution.awaitLogs(): List<LogEntry> = logs().awaitSingle()

/**
 * Cancels the execution and keeps the state the gateway reports: [ReactiveHubServiceExecution.cancel] as a suspend
 * function.
 *
 * @return the state after cancelling
 */
public suspend fun ReactiveHubServiceExecution.awaitCancel(): ServiceExecution = cancel().awaitSingle()

/**
 * Follows the execution's log: [ReactiveHubServiceExecution.followLogs] as a [Flow] of each new entry, once, oldest
 * first, completing after the final state with the entries left. Reads the log on the polling schedule while
 * collected; cancelling the collector stops it.
 *
 * @return the entries
 */
public fun ReactiveHubServiceExecution.followLogsAsFlow(): Flow<LogEntry> = followLogs().asFlow()

/**
 * Follows the execution's log for at most [timeout]: [ReactiveHubServiceExecution.followLogs] as a [Flow].
 *
 * @param timeout the longest follow; the flow then fails with [ExecutionTimeoutException]
 * @return the entries
 */
public fun ReactiveHubServiceExecution.followLogsAsFlow(timeout: Duration): Flow<LogEntry> =
    followLogs(timeout).asFlow()
