package io.qhub.docs.testing;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the "Testing your application" page's Spring Boot tests and test
 * slices: it scans this package only ({@link ExecutionController}), so no other page's
 * beans are in its context.
 */
@SpringBootApplication
class TestingApplication {

}
