package io.qhub.service.client;

/**
 * {@link io.qhub.service.client.testing.LifecycleFixtures} under its former name in this
 * package, for {@code GatewayFaultMatrixTests}, which still uses it unqualified: the
 * shared fixtures moved to the non-exported {@code testing} package so that tests of
 * other packages can use them. Remove once that test imports the moved class.
 */
final class LifecycleFixtures extends io.qhub.service.client.testing.LifecycleFixtures {

	private LifecycleFixtures() {
	}

}
