package io.qhub.service.client

import io.qhub.service.core.PollingPolicy
import io.qhub.service.datapool.PlatformEnvironment
import io.qhub.test.gateway.GatewayOperation
import io.qhub.test.gateway.InjectedFault
import io.qhub.test.gateway.LocalHubGateway
import java.nio.file.Path
import java.time.Duration
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.awaitility.Awaitility.await
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test

/**
 * Cancelling a coroutine that waits in [awaitFinalState] cancels the wait: the status request in flight is
 * abandoned (its connection closed by the client long before the read timeout would close it) and no further status
 * poll reaches the gateway, over several polling intervals and past the read timeout (after which a leaked poll
 * would retry).
 */
class KotlinCancellationTests {

    private val gateway = LocalHubGateway.builder().timing(Duration.ZERO, Duration.ofMinutes(10)).start()

    private val hub = HubServiceClient.builder()
        .serviceEndpoint(gateway.serviceEndpoint())
        .polling(PollingPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMinutes(5)).withLearning(false))
        .readTimeout(READ_TIMEOUT)
        .platformEnvironment(PlatformEnvironment(mapOf(), Path.of("/nonexistent")))
        .buildReactive()

    @AfterEach
    fun close() {
        hub.close()
        gateway.close()
    }

    @Test
    fun cancellingAWaitingCoroutineCancelsThePollInFlightAndPollsNoMore(): Unit = runBlocking {
        val execution = hub.awaitRun(mapOf("shots" to 1))
        // tag::cancel[]
        val waiting = launch(Dispatchers.Default) {
            execution.awaitFinalState()
        }
        // end::cancel[]
        await().atMost(Duration.ofSeconds(10)).until { gateway.callCount(GatewayOperation.GET_STATUS) >= 2 }
        gateway.inject(InjectedFault.stall(GatewayOperation.GET_STATUS))
        await().atMost(Duration.ofSeconds(10)).until { gateway.injectedFaultCount(GatewayOperation.GET_STATUS) == 1L }
        assertThat(waiting.isActive).isTrue()
        val connections = gateway.openConnections()

        // tag::cancel-join[]
        waiting.cancelAndJoin() // the poll in flight is abandoned, its connection closed; no poll follows
        // end::cancel-join[]

        assertThat(waiting.isCancelled).isTrue()
        // the stalled request's connection is closed by the client, well within the read timeout (without the
        // cancellation reaching the request, it stays open until then)
        await().atMost(READ_TIMEOUT.dividedBy(2)).until { gateway.openConnections() < connections }
        val polls = gateway.callCount(GatewayOperation.GET_STATUS)
        // no poll after the cancellation: longer than twenty polling intervals and the read timeout together
        await().during(READ_TIMEOUT.plusSeconds(1))
            .atMost(READ_TIMEOUT.plusSeconds(3))
            .until { gateway.callCount(GatewayOperation.GET_STATUS) == polls }
        assertThat(gateway.status(execution.id())).isEqualTo("RUNNING")
    }

    private companion object {
        val READ_TIMEOUT: Duration = Duration.ofSeconds(2)
    }

}
