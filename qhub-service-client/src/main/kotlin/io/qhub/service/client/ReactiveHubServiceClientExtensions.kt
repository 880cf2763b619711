/*
 * Coroutine extensions of ReactiveHubServiceClient: one function per member that returns a Mono or a Flux.
 *
 * Naming (as Spring's WebClient extensions, awaitBody, awaitExchange, bodyToFlow): a member returning a Mono becomes
 * a suspend function named "await" + the member's name, less a leading "get" or "waitFor"; a member returning a Flux
 * becomes a function returning a Flow, named after the member + "AsFlow". No extension has a member's name, so a
 * member never hides one (Kotlin prefers members).
 */
package io.qhub.service.client

import io.qhub.service.client.model.ResultResponse
import java.time.Duration
import java.util.function.Function
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactor.awaitSingle
import kotlinx.coroutines.reactor.awaitSingleOrNull
import kotlinx.coroutines.reactor.mono
import reactor.core.publisher.Mono

/**
 * Starts an execution: [ReactiveHubServiceClient.run] as a suspend function. Sent once, as there: a start that may
 * have reached the gateway is never retried.
 *
 * ```
 * val execution = hub.awaitRun(mapOf("shots" to 100))
 * val counts = execution.awaitResult<Counts>()
 * ```
 *
 * @param request the service's parameters: a map by name, or a data class or bean sent as its properties
 * @param options secrets, tags and data-pool grants (none by default)
 * @return the new execution
 */
public suspend fun ReactiveHubServiceClient.awaitRun(
    request: Any,
    options: RunOptions = RunOptions.none(),
): ReactiveHubServiceExecution = run(request, options).awaitSingle()

/**
 * One execution by id with its current state: [ReactiveHubServiceClient.getServiceExecution] as a suspend function.
 *
 * @param id the execution id
 * @return the execution
 */
public suspend fun ReactiveHubServiceClient.awaitServiceExecution(id: String): ReactiveHubServiceExecution =
    getServiceExecution(id).awaitSingle()

/**
 * Every execution visible to the application: [ReactiveHubServiceClient.getServiceExecutions] as a [Flow]. The
 * listing is requested when the flow is collected, once per collection.
 *
 * @return the executions
 */
public fun ReactiveHubServiceClient.getServiceExecutionsAsFlow(): Flow<ReactiveHubServiceExecution> =
    getServiceExecutions().asFlow()

/**
 * The executions that match [filter] (status, tags, creation time, order, limit), read as the listing streams:
 * [ReactiveHubServiceClient.getServiceExecutions] with a filter as a [Flow]. Requested when the flow is collected.
 *
 * @param filter what to list
 * @return the executions
 */
public fun ReactiveHubServiceClient.getServiceExecutionsAsFlow(filter: ExecutionFilter): Flow<ReactiveHubServiceExecution> =
    getServiceExecutions(filter).asFlow()

/**
 * Checks that a gateway token can be obtained: [ReactiveHubServiceClient.checkCredentials] as a suspend function.
 * Returns when the credentials work, throws the client's exception otherwise.
 */
public suspend fun ReactiveHubServiceClient.awaitCheckCredentials() {
    checkCredentials().awaitSingleOrNull()
}

/**
 * Checks now that the token endpoint issues a token: [ReactiveHubServiceClient.probe] as a suspend function.
 *
 * @param timeout the longest time the check takes, positive
 */
public suspend fun ReactiveHubServiceClient.awaitProbe(timeout: Duration) {
    probe(timeout).awaitSingleOrNull()
}

/**
 * Runs a batch: [ReactiveHubServiceClient.runAll] as a [Flow] of its events, each item's work the result response.
 * Collect it into the outcomes with `BatchResult.of`, or follow its progress event by event.
 *
 * @param requests one execution's parameters per item
 * @param options the parallelism, retries and whether a failure cancels the rest
 * @return the events, the last one of each item `FINISHED` with its outcome
 */
public fun ReactiveHubServiceClient.runAllAsFlow(
    requests: List<*>,
    options: BatchOptions,
): Flow<BatchEvent<ResultResponse>> = runAll(requests, options).asFlow()

/**
 * Runs a batch whose work with each execution is a suspend function: [ReactiveHubServiceClient.runAll] as a [Flow].
 *
 * ```
 * hub.runAllAsFlow(requests, BatchOptions.parallelism(8)) { it.awaitResult<Counts>() }
 * ```
 *
 * @param requests one execution's parameters per item
 * @param options the parallelism, retries and whether a failure cancels the rest
 * @param work what to do with each execution (its value becomes the item's outcome)
 * @return the events, the last one of each item `FINISHED` with its outcome
 */
public fun <T : Any> ReactiveHubServiceClient.runAllAsFlow(
    requests: List<*>,
    options: BatchOptions,
    work: suspend (ReactiveHubServiceExecution) -> T,
): Flow<BatchEvent<T>> = runAll(requests, options, SuspendWork(work)).asFlow()

/**
 * A suspend function as the batch's work: a class rather than a lambda converted to `Function`, because kotlinc
 * lays out the constant pool of a SAM-converted lambda differently from build to build (the jar would not be
 * reproducible).
 */
private class SuspendWork<T : Any>(private val work: suspend (ReactiveHubServiceExecution) -> T) :
    Function<ReactiveHubServiceExecution, Mono<T>> {

    override fun apply(execution: ReactiveHubServiceExecution): Mono<T> = mono { work(execution) }
}
