/**
 * pprof through the gateway: a Spring Cloud Gateway (MVC) route whose handler streams the
 * target's profile from its agent, masks text formats on the fly, and audits every fetch.
 */
@NullMarked
package io.debuggate.gateway.pprof;

import org.jspecify.annotations.NullMarked;
