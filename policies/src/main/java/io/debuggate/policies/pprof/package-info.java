/** Policy for the {@code net/http/pprof} endpoints: which profiles each mode may fetch, with which bounds. */
@NullMarked
package io.debuggate.policies.pprof;

import org.jspecify.annotations.NullMarked;
