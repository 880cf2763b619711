/**
 * Spring AOT and native-image support of the client: runtime hints for the types it binds
 * with Jackson.
 */
@NullMarked
package io.qhub.service.client.aot;

import org.jspecify.annotations.NullMarked;
