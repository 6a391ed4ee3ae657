/**
 * The local append-only spool every event passes before it is acknowledged: framed, checksummed
 * segment files with group commit, recovery of the chain head after a crash, and a reader for the
 * shipper.
 */
@NullMarked
package io.debuggate.audit.spool;

import org.jspecify.annotations.NullMarked;
