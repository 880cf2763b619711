/**
 * The command line of the standalone jar: {@link io.qhub.test.cli.LocalHubGatewayMain}
 * runs a {@link io.qhub.test.gateway.LocalHubGateway} from a terminal or in a container.
 */
@NullMarked
package io.qhub.test.cli;

import org.jspecify.annotations.NullMarked;
