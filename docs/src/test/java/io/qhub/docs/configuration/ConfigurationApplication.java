package io.qhub.docs.configuration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of the "Configuration" page's Spring Boot tests. It scans nothing: each
 * test imports the one snippet it runs ({@link WiretapConfiguration}, {@link Pipeline}),
 * so that their settings stay apart.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ConfigurationApplication {

}
