/**
 * How results are printed: {@code --output table} for people (aligned columns, key/value
 * details), {@code --output json} for scripts (the gateway's JSON, pretty-printed, unknown fields
 * kept).
 */
@NullMarked
package io.debuggate.cli.output;

import org.jspecify.annotations.NullMarked;
