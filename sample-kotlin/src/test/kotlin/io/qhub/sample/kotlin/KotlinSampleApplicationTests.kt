package io.qhub.sample.kotlin

import io.qhub.service.client.ReactiveHubServiceClient
import io.qhub.service.client.awaitRun
import io.qhub.service.client.model.ServiceExecutionStatus
import io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway
import io.qhub.test.gateway.GatewayOperation
import io.qhub.test.gateway.LocalHubGateway
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.test.context.TestConstructor

// tag::test[]
@SpringBootTest
@AutoConfigureLocalHubGateway(runMillis = 100)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class KotlinSampleApplicationTests(
    private val experiments: Experiments,
    private val hub: ReactiveHubServiceClient,
    private val gateway: LocalHubGateway,
) {

    @Test
    fun runsTheBellExperimentOnTheGateway(): Unit = runBlocking {
        val started = gateway.callCount(GatewayOperation.START_EXECUTION)

        val result = experiments.runBell(shots = 100)

        assertThat(result).isEqualTo(BellResult(circuit = "bell", shots = 100))
        assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(started + 1)
    }

    @Test
    fun followsTheStatusesOfAnExecutionStartedEarlier(): Unit = runBlocking {
        val id = hub.awaitRun(mapOf("circuit" to "ghz", "shots" to 10)).id()

        val statuses = experiments.statuses(id).toList()

        assertThat(statuses).doesNotHaveDuplicates().last().isEqualTo(ServiceExecutionStatus.SUCCEEDED)
        assertThat(gateway.status(id)).isEqualTo("SUCCEEDED")
    }

}
// end::test[]
