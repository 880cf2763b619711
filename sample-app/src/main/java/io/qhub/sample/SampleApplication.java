package io.qhub.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sample application of the Kipu Quantum Hub starter. Without profile {@code hub} it
 * embeds a local gateway ({@link EmbeddedHubGateway}); with
 * {@code --spring.profiles.active=hub} it talks to the real Hub. On start,
 * {@link DemoRunner} walks through the whole execution flow; {@link ExecutionController}
 * offers it over REST.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Starts the application.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
