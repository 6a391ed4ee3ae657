package io.debuggate.approval.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.approval.GrantWindow;
import io.debuggate.approval.RequestState;
import io.debuggate.approval.support.Drafts;
import io.debuggate.approval.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The per-message cache on a real H2 database with our schema script. */
class GrantCacheTest {

    private final MutableClock clock = new MutableClock();
    private GrantStore store;
    private JdbcClient jdbc;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:grantcache-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ResourceDatabasePopulator schema = new ResourceDatabasePopulator(new ClassPathResource("io/debuggate/approval/approval-schema.sql"));
        schema.execute(ds);
        schema.execute(ds); // idempotent: runs at every start
        jdbc = JdbcClient.create(ds);
        store = new GrantStore(jdbc);
        Instant now = Instant.now();
        new RequestStore(jdbc).insert(new RequestRecord("dr-1", "alice", Drafts.interactive(), "a".repeat(64), RequestState.GRANTED, now,
                now.plusSeconds(60), now, "pid-1", 0));
        store.insert(new GrantRecord("dr-1", "alice", "checkout", "checkout-7d9f-x2", Set.of("dlv"), "interactive", List.of(),
                new GrantWindow(now, now.plusSeconds(600)), GrantState.ACTIVE, null, null, null));
    }

    @Test
    void withoutATtlEveryCheckReadsTheRow() {
        GrantCache cache = new GrantCache(store, clock, Duration.ZERO);
        assertThat(cache.get("dr-1")).get().extracting(GrantRecord::state).isEqualTo(GrantState.ACTIVE);
        endBehindTheCachesBack();
        assertThat(cache.get("dr-1")).get().extracting(GrantRecord::state).isEqualTo(GrantState.REVOKED);
    }

    @Test
    void withATtlARowChangedElsewhereIsSeenWhenTheTtlRunsOut() {
        GrantCache cache = new GrantCache(store, clock, Duration.ofSeconds(5));
        assertThat(cache.get("dr-1")).get().extracting(GrantRecord::state).isEqualTo(GrantState.ACTIVE);
        endBehindTheCachesBack();
        assertThat(cache.get("dr-1")).as("another replica's revoke, within the TTL").get().extracting(GrantRecord::state)
                .isEqualTo(GrantState.ACTIVE);
        clock.advance(Duration.ofSeconds(6));
        assertThat(cache.get("dr-1")).get().extracting(GrantRecord::state).isEqualTo(GrantState.REVOKED);
    }

    @Test
    void aLocalInvalidationIsSeenAtOnce() {
        GrantCache cache = new GrantCache(store, clock, Duration.ofMinutes(1));
        cache.get("dr-1");
        endBehindTheCachesBack();
        cache.invalidate("dr-1");
        assertThat(cache.get("dr-1")).get().extracting(GrantRecord::state).isEqualTo(GrantState.REVOKED);
    }

    @Test
    void anUnknownIdIsEmpty() {
        assertThat(new GrantCache(store, clock, Duration.ofMinutes(1)).get("dr-none")).isEmpty();
    }

    @Test
    void endingTwiceIsRefused() {
        assertThat(store.end("dr-1", GrantState.REVOKED, Instant.now(), "bob", "x")).isTrue();
        assertThat(store.end("dr-1", GrantState.EXPIRED, Instant.now(), "system", "x")).isFalse();
    }

    private void endBehindTheCachesBack() {
        store.end("dr-1", GrantState.REVOKED, Instant.now(), "frank", "revoked on another replica");
    }
}
