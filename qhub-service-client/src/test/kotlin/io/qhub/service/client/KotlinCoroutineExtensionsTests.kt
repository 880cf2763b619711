package io.qhub.service.client

import io.qhub.service.client.model.ServiceExecutionStatus
import io.qhub.service.core.PollingPolicy
import io.qhub.service.datapool.PlatformEnvironment
import io.qhub.test.gateway.GatewayOperation
import io.qhub.test.gateway.LocalHubGateway
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.springframework.core.io.buffer.DataBufferUtils

/**
 * The coroutine extensions (ReactiveHubServiceClientExtensions.kt, ReactiveHubServiceExecutionExtensions.kt) against
 * the local gateway: each one reaches the gateway operation of the member it wraps and gives back what the member
 * gives.
 */
class KotlinCoroutineExtensionsTests {

    /** A data class read from a result (compiled with -java-parameters, as Boot's parent does). */
    data class Echo(val shots: Int, val label: String?)

    private val gateway = LocalHubGateway.builder().timing(Duration.ZERO, Duration.ofMillis(300)).start()

    private val hub = HubServiceClient.builder()
        .serviceEndpoint(gateway.serviceEndpoint())
        .polling(PollingPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMinutes(1)).withLearning(false))
        .platformEnvironment(PlatformEnvironment(mapOf(), Path.of("/nonexistent")))
        .buildReactive()

    @AfterEach
    fun close() {
        hub.close()
        gateway.close()
    }

    @Test
    fun runWaitAndTypedResults(): Unit = runBlocking {
        // tag::run[]
        val execution = hub.awaitRun(mapOf("shots" to 100, "label" to "bell"))
        val final = execution.awaitFinalState()
        val echo = execution.awaitResult<Echo>()
        // end::run[]
        assertThat(final.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED)
        assertThat(echo).isEqualTo(Echo(100, "bell"))
        assertThat(execution.awaitResultResponse().properties()).containsEntry("shots", 100)
        assertThat(execution.awaitResultFiles()).containsExactly("echo.json")
        assertThat(execution.awaitResultFile<Echo>("echo.json")).isEqualTo(Echo(100, "bell"))
        assertThat(execution.awaitLogs().map { it.message() }).containsExactly("Received 3 parameter(s)", "Done") // shots, label and $tags (the submission key)
        assertThat(execution.awaitHasFinished()).isTrue()
        assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1)
        assertThat(gateway.callCount(GatewayOperation.GET_RESULT)).isEqualTo(1)
    }

    @Test
    fun listingWithAFilterFollowedLogsAndOutcomes(): Unit = runBlocking {
        val tagged = hub.awaitRun(mapOf("shots" to 1), RunOptions.none().withTags("sweep"))
        hub.awaitRun(mapOf("shots" to 2))
        // tag::follow-logs[]
        val lines = tagged.followLogsAsFlow().map { it.message() }.toList()
        // end::follow-logs[]
        assertThat(lines).containsExactly("Received 2 parameter(s)", "Done") // shots and $tags (with the submission key)
        assertThat(tagged.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED)
        assertThat(tagged.followLogsAsFlow(Duration.ofSeconds(10)).toList()).hasSize(2)

        // tag::list[]
        val sweep = hub.getServiceExecutionsAsFlow(ExecutionFilter.all().withTags("sweep")).map { it.id() }.toList()
        // end::list[]
        assertThat(sweep).containsExactly(tagged.id())
        assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1)

        assertThat(tagged.awaitSuccessfulResult<Echo>()).isEqualTo(Echo(1, null))
        assertThat(tagged.awaitSuccessfulResultResponse().properties()).containsEntry("shots", 1)
    }

    @Test
    fun batchesAndProgress(): Unit = runBlocking {
        val requests = (1..5).map { mapOf("shots" to it, "label" to "sweep") }
        // tag::batch[]
        val events = hub.runAllAsFlow(requests, BatchOptions.parallelism(2)) { it.awaitResult<Echo>() }.toList()
        val shots = events.mapNotNull { it.outcome()?.value()?.shots }
        // end::batch[]
        assertThat(shots).containsExactlyInAnyOrder(1, 2, 3, 4, 5)
        assertThat(events.filter { it.kind() == BatchEvent.Kind.FINISHED }).hasSize(5)
        assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(5)
        assertThat(hub.runAllAsFlow(requests.take(2), BatchOptions.parallelism(2)).toList()
            .mapNotNull { it.outcome() }.map { it.succeeded() }).containsExactly(true, true)

        // tag::progress[]
        val execution = hub.awaitRun(mapOf("shots" to 1))
        val fractions = execution.watchProgressAsFlow().map { it.fraction() }.toList()
        // end::progress[]
        assertThat(execution.expectedEnd()).isPresent()
        assertThat(fractions.last().asDouble).isEqualTo(1.0)
    }

    @Test
    fun watchAsFlowEmitsEachStatusUntilTheFinalOne(): Unit = runBlocking {
        val execution = hub.awaitRun(mapOf("shots" to 1))
        // tag::watch[]
        val statuses = execution.watchAsFlow().map { it.status() }.toList()
        // end::watch[]
        assertThat(statuses).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates()
        assertThat(statuses.first()).isNotEqualTo(ServiceExecutionStatus.SUCCEEDED)
        assertThat(statuses.last()).isEqualTo(ServiceExecutionStatus.SUCCEEDED)
        assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED)
    }

    @Test
    fun findListRefreshAndCancel(): Unit = runBlocking {
        val first = hub.awaitRun(mapOf("shots" to 1))
        val second = hub.awaitRun(mapOf("shots" to 2))

        val listed = hub.getServiceExecutionsAsFlow().map { it.id() }.toList()
        val found = hub.awaitServiceExecution(first.id())
        val refreshed = found.awaitRefresh()
        val cancelled = second.awaitCancel()

        assertThat(listed).contains(first.id(), second.id())
        assertThat(found.id()).isEqualTo(first.id())
        assertThat(refreshed.id()).isEqualTo(first.id())
        assertThat(cancelled.status()).isEqualTo(ServiceExecutionStatus.CANCELLED)
        assertThat(second.status()).isEqualTo(ServiceExecutionStatus.CANCELLED)
        assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1)
        assertThat(gateway.callCount(GatewayOperation.CANCEL_EXECUTION)).isEqualTo(1)
    }

    @Test
    fun resultFilesStreamAndDownload(@TempDir directory: Path): Unit = runBlocking {
        val execution = hub.awaitRun(mapOf("shots" to 3))
        execution.awaitFinalState(Duration.ofSeconds(30), Duration.ofMillis(100))

        val streamed = execution.resultFileAsFlow("echo.json").toList().joinToString("") { buffer ->
            buffer.toString(Charsets.UTF_8).also { DataBufferUtils.release(buffer) }
        }
        val downloaded = execution.awaitDownloadResultFile("echo.json", directory)

        assertThat(streamed).contains("\"shots\":3")
        assertThat(Files.readString(downloaded)).isEqualTo(streamed)
    }

    @Test
    fun credentialChecks(): Unit = runBlocking {
        hub.awaitCheckCredentials()
        hub.awaitProbe(Duration.ofSeconds(5))
        assertThat(hub.isAnonymous()).isTrue()
    }

}
