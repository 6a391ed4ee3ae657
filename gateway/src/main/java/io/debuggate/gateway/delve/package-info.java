/**
 * Delve JSON-RPC as the gateway handles it, free of Spring and sockets: splitting a byte stream
 * into JSON values, strict parsing of requests, canonical re-serialization, and masking of replies
 * (debug-protocols.md §1, §3).
 */
@NullMarked
package io.debuggate.gateway.delve;

import org.jspecify.annotations.NullMarked;
