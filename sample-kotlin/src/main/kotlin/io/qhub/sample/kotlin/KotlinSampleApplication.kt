package io.qhub.sample.kotlin

import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication

/** The Kotlin sample: a Spring Boot application whose [Experiments] run on the Hub through the coroutine API. */
@SpringBootApplication
class KotlinSampleApplication

/** Starts the application (it needs `qhub.service.*` set, see application.yml). */
fun main(args: Array<String>) {
    runApplication<KotlinSampleApplication>(*args)
}
