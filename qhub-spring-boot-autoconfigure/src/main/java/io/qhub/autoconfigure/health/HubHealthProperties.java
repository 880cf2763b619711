package io.qhub.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code qhub} health indicator: {@code management.health.qhub.*} (its
 * switch, {@code management.health.qhub.enabled}, is Spring Boot's).
 */
@ConfigurationProperties("management.health.qhub")
public class HubHealthProperties {

	/**
	 * Longest time the health probe of one service (one token request) takes before it is
	 * reported DOWN with reason timeout. Services are probed at once.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}
