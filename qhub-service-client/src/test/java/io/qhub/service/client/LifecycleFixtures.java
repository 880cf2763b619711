package io.qhub.service.client;

/**
 * {@link io.qhub.service.client.fixtures.LifecycleFixtures} under its former name in this
 * package, for {@code GatewayFaultMatrixTests}, which still uses it unqualified: the
 * shared fixtures moved to the non-exported {@code fixtures} package so that tests of
 * other packages can use them. Remove once that test imports the moved class.
 */
final class LifecycleFixtures extends io.qhub.service.client.fixtures.LifecycleFixtures {

	private LifecycleFixtures() {
	}

}
