package io.qhub.service.core.internal;

/** The {@code User-Agent} this client sends. */
final class UserAgent {

	static final String VALUE = "qhub-service-client-java/" + version() + " (Java " + Runtime.version().feature() + ")";

	private UserAgent() {
	}

	private static String version() {
		String version = UserAgent.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "dev";
	}

}
