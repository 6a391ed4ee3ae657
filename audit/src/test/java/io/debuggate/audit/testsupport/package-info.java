/**
 * Test support shared through the audit test-jar: one real Elasticsearch node per test JVM
 * ({@link io.debuggate.audit.testsupport.ElasticsearchTestNode}), the real masking engine, PII
 * samples, a hand-moved clock and trail helpers.
 */
@NullMarked
package io.debuggate.audit.testsupport;

import org.jspecify.annotations.NullMarked;
