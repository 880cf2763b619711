package io.qhub.footprint;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts, logs Spring Boot's "Started FootprintApp in ... seconds" line, and exits.
 */
@SpringBootApplication
public class FootprintApp {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(FootprintApp.class, args)));
	}

}
