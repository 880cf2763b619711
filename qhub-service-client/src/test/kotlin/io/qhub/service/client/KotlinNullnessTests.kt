package io.qhub.service.client

import io.qhub.service.client.model.LogEntry
import io.qhub.service.client.model.LogEntrySeverity
import io.qhub.service.client.model.ResultResponse
import io.qhub.service.client.model.ServiceExecution
import io.qhub.service.client.model.ServiceExecutionStatus
import java.time.Instant
import kotlin.reflect.KType
import kotlin.reflect.typeOf
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/**
 * Kotlin sees the client's JSpecify nullness (this file is compiled with -Xjspecify-annotations=strict, as the
 * parent POM sets for every Kotlin compilation): a `@Nullable` accessor of a `@NullMarked` package is a nullable
 * Kotlin type, the others are non-null types, and none is a platform type (`T!`, nullness unknown).
 *
 * The types checked are the static types the Kotlin compiler gave the expressions: [staticType] reifies its type
 * argument, which the compiler infers from the expression, so the assertions read what the compiler decided. Removing
 * a `@Nullable` turns a nullable type into a non-null one; removing a package's `@NullMarked` turns its types into
 * platform types (rendered `T!` by the standard library's KType, as the control test shows); either fails here. The code in [nullableValuesNeedSafeCalls] compiles only because the types are
 * what the assertions say (a nullable value needs `?.`, `?:` or `!!`).
 */
class KotlinNullnessTests {

    private val execution = ServiceExecution(
        "e-1", ServiceExecutionStatus.RUNNING, null, Instant.EPOCH, null, null, null, null, null, listOf("a"),
    )

    @Test
    fun nullableFieldsOfServiceExecutionAreNullableTypes() {
        assertNullable(staticType(execution.id()))
        assertNullable(staticType(execution.type()))
        assertNullable(staticType(execution.createdAt()))
        assertNullable(staticType(execution.startedAt()))
        assertNullable(staticType(execution.endedAt()))
        assertNullable(staticType(execution.serviceId()))
        assertNullable(staticType(execution.serviceDefinitionId()))
        assertNullable(staticType(execution.applicationId()))
    }

    @Test
    fun theOtherFieldsOfServiceExecutionAreNonNullTypes() {
        assertNonNull(staticType(execution.status()))
        assertNonNull(staticType(execution.tags()))
        assertNonNull(staticType(execution.tags()).arguments.single().type!!)
        assertNonNull(staticType(execution.withId("e-2")))
        assertNonNull(staticType(ServiceExecution.of("e-3", ServiceExecutionStatus.PENDING)))
    }

    @Test
    fun resultLogAndHandleTypes() {
        // the canonical constructor takes Map<String, Any> in Kotlin: javac 17 writes the type-use @Nullable of a
        // compact constructor's parameter with a FIELD target, which Kotlin does not read for a parameter
        val result = ResultResponse(mapOf(), ResultResponse.Embedded.EMPTY, mapOf<String, Any>("counts" to 1))
        val properties = staticType(result.properties())
        assertNonNull(properties)
        assertNonNull(properties.arguments[0].type!!)
        assertNullable(properties.arguments[1].type!!)
        assertNonNull(staticType(result.links()))
        assertNonNull(staticType(result.fileNames()))
        assertNullable(staticType(result.embedded().status()))

        val entry = LogEntry(null, LogEntrySeverity.INFO, null)
        assertNullable(staticType(entry.message()))
        assertNonNull(staticType(entry.severity()))
        assertNullable(staticType(entry.timestamp()))

        assertNullable(typeOfReturn(ReactiveHubServiceExecution::startedAt))
        assertNonNull(typeOfReturn(ReactiveHubServiceExecution::status))
        assertNonNull(typeOfReturn(ReactiveHubServiceExecution::id))
    }

    @Test
    fun aJavaMethodWithoutNullnessIsSeenAsAPlatformType() {
        // the control: the check below tells a platform type from the others
        val platform = staticType(System.getProperty("user.dir"))
        assertThat(platform.toString()).contains("String!")
        assertThat(platform.isMarkedNullable).isFalse()
    }

    @Test
    fun nullableValuesNeedSafeCalls() {
        // tag::nullness[]
        val started: Instant? = execution.startedAt()
        val running = started?.let { java.time.Duration.between(it, Instant.EPOCH.plusSeconds(60)) }
        val created: Instant = execution.createdAt() ?: Instant.EPOCH
        val status: ServiceExecutionStatus = execution.status()
        // end::nullness[]
        assertThat(running).isNull()
        assertThat(created).isEqualTo(Instant.EPOCH)
        assertThat(status).isEqualTo(ServiceExecutionStatus.RUNNING)
    }

    private fun assertNullable(type: KType) {
        assertThat(type.isMarkedNullable).describedAs("%s is nullable", type).isTrue()
        assertThat(type.toString()).describedAs("%s is not a platform type", type).doesNotContain("!")
    }

    private fun assertNonNull(type: KType) {
        assertThat(type.isMarkedNullable).describedAs("%s is not nullable", type).isFalse()
        assertThat(type.toString()).describedAs("%s is not a platform type", type).doesNotContain("!")
    }

    private companion object {

        /** The static type the compiler inferred for [value]. */
        inline fun <reified T> staticType(@Suppress("UNUSED_PARAMETER") value: T): KType = typeOf<T>()

        /** The static return type the compiler sees for a member of a Java class. */
        inline fun <reified R> typeOfReturn(@Suppress("UNUSED_PARAMETER") member: (ReactiveHubServiceExecution) -> R): KType =
            typeOf<R>()

    }

}
