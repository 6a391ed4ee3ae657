/** The REST API's cross-cutting parts: who-am-I, error bodies, OpenAPI metadata. */
@NullMarked
package io.debuggate.gateway.api;

import org.jspecify.annotations.NullMarked;
