package io.qhub.docs.gettingstarted;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the "Getting started" page's Spring Boot tests: it scans this
 * package only, so no other page's beans are in its context.
 */
@SpringBootApplication
class GettingStartedApplication {

}
