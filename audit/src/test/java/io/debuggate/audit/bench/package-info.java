/** The audit benchmark harness (a main class, run by hand; numbers in the module README). */
package io.debuggate.audit.bench;
