package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.SESSION;
import static dev.nethergaze.store.Snaps.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.store.Snaps.Ip;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterTest {

    @TempDir
    Path dir;

    private HistoryStore store() {
        return HistoryStore.open(dir.resolve("state/history.db"));
    }

    @Test
    void addsDeltasNotCumulativeCountersAcrossFlushes() throws Exception {
        HistoryStore store = store();
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
            w.accept(Snaps.snapshot(T0, List.of(Ip.of("203.0.113.7", T0, 5).auth(2))));
            assertThat(w.flush()).isTrue();
            w.accept(Snaps.snapshot(
                    T0.plusSeconds(1), List.of(Ip.of("203.0.113.7", T0, 9).auth(3))));
            w.accept(Snaps.snapshot(
                    T0.plusSeconds(2), List.of(Ip.of("203.0.113.7", T0, 12).auth(3))));
            assertThat(w.flush()).isTrue();
            assertThat(w.flush()).isTrue(); // an empty flush adds nothing
        }
        IpRecord r = store.queries().ip(IpKey.parse("203.0.113.7"), 5).orElseThrow();
        assertThat(r.requests()).isEqualTo(12);
        assertThat(r.bytes()).isEqualTo(120);
        assertThat(r.authFailures()).isEqualTo(3);
        assertThat(r.sessions()).isEqualTo(1);
        assertThat(r.country()).isEqualTo("NL");
        assertThat(r.asn()).isEqualTo(64500L);
        assertThat(r.lastPaths()).containsExactly("/p12");
        assertThat(r.recent()).singleElement().satisfies(s -> {
            assertThat(s.requests()).isEqualTo(12);
            assertThat(s.host()).isEqualTo("test-host");
            assertThat(s.version()).isEqualTo("0.3.0-test");
        });
    }

    /**
     * A live session starts when its writer starts and ends at its last flush, on the one clock; a
     * session given its start (a replay: its first event) runs from there to the clock's time (its last
     * event), however long ago, while {@code recorded} is the wall clock's.
     */
    @Test
    void aSessionRunsFromItsStartToItsLastFlush() throws Exception {
        HistoryStore store = store();
        java.util.concurrent.atomic.AtomicReference<Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(T0);
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, now::get)) {
            now.set(T0.plusSeconds(60));
            w.accept(Snaps.snapshot(now.get(), List.of(Ip.of("203.0.113.7", T0, 5))));
            assertThat(w.flush()).isTrue();
        }
        assertThat(store.queries()
                        .ip(IpKey.parse("203.0.113.7"), 5)
                        .orElseThrow()
                        .recent())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.started()).as("live: when the writer started").isEqualTo(T0);
                    assertThat(s.ended()).isEqualTo(T0.plusSeconds(60));
                });

        Instant first = Instant.parse("2015-03-10T10:00:00Z");
        Instant last = first.plusSeconds(1800);
        Instant before = Instant.now();
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(last), first)) {
            w.accept(Snaps.snapshot(last, List.of(Ip.of("198.51.100.9", first, 3))));
            assertThat(w.flush()).isTrue();
        }
        assertThat(store.queries()
                        .ip(IpKey.parse("198.51.100.9"), 5)
                        .orElseThrow()
                        .recent())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.started()).as("replay: its first event").isEqualTo(first);
                    assertThat(s.ended()).as("its last event").isEqualTo(last);
                });
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store.file());
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT recorded FROM sessions ORDER BY id DESC LIMIT 1")) {
            rs.next();
            assertThat(Instant.ofEpochMilli(rs.getLong(1)))
                    .as("recorded: now")
                    .isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @Test
    void anEvictedIpSeenAgainStartsFromZeroWithoutDoubleCounting() throws Exception {
        HistoryStore store = store();
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
            w.accept(Snaps.snapshot(T0, List.of(Ip.of("198.51.100.1", T0, 40))));
            w.accept(Snaps.snapshot(T0.plusSeconds(60), List.of())); // evicted
            w.accept(Snaps.snapshot(T0.plusSeconds(90), List.of(Ip.of("198.51.100.1", T0.plusSeconds(90), 3))));
            assertThat(w.flush()).isTrue();
            // same firstSeen but counters went down: also a new incarnation
            w.accept(Snaps.snapshot(T0.plusSeconds(95), List.of(Ip.of("198.51.100.1", T0.plusSeconds(90), 1))));
        }
        assertThat(store.queries()
                        .ip(IpKey.parse("198.51.100.1"), 5)
                        .orElseThrow()
                        .requests())
                .isEqualTo(44);
    }

    @Test
    void countsSessionsFlagsAndHalfOpenSeconds() throws Exception {
        HistoryStore store = store();
        for (int session = 0; session < 3; session++) {
            try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
                Ip a = Ip.of("192.0.2.9", T0, 1).syn(3);
                w.accept(Snaps.snapshot(T0, List.of(a.rules("syn-flood"))));
                w.accept(Snaps.snapshot(T0.plusMillis(250), List.of(a.rules("syn-flood")))); // same second
                w.accept(Snaps.snapshot(T0.plusSeconds(1), List.of(a.syn(0))));
                w.accept(Snaps.snapshot(T0.plusSeconds(2), List.of(a.syn(1).rules("syn-flood", "scanner"))));
            }
        }
        IpRecord r = store.queries().ip(IpKey.parse("192.0.2.9"), 2).orElseThrow();
        assertThat(r.sessions()).isEqualTo(3);
        assertThat(r.rules()).containsEntry("syn-flood", 6L).containsEntry("scanner", 3L);
        assertThat(r.flagged()).isEqualTo(9);
        assertThat(r.synRecv()).isEqualTo(6);
        assertThat(r.peakConns()).isEqualTo(3);
        assertThat(r.recent()).hasSize(2);
        assertThat(r.requests()).isEqualTo(3);
    }

    /**
     * A host-wide finding that ended is filed once per episode, however many snapshots repeat it, at its
     * peak (the same episode filed again at a higher peak replaces its row), with the session's host;
     * another episode of the rule is a row of its own. (Before, a flood over the whole table left
     * nothing in the history once it was over.)
     */
    @Test
    void hostWideFindingsThatEndedAreFiledOncePerEpisodeAtTheirPeak() throws Exception {
        HistoryStore store = store();
        Finding flood = hostFinding(T0, 400);
        PastFinding first = new PastFinding(flood, T0.plusSeconds(15));
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
            for (int i = 0; i < 3; i++) {
                w.accept(withEnded(Snaps.snapshot(T0.plusSeconds(20 + i), List.of()), List.of(first)));
            }
            assertThat(w.flush()).isTrue();
            w.accept(withEnded(
                    Snaps.snapshot(T0.plusSeconds(30), List.of()),
                    List.of(new PastFinding(hostFinding(T0, 900), T0.plusSeconds(25)))));
            PastFinding second = new PastFinding(hostFinding(T0.plusSeconds(600), 300), T0.plusSeconds(660));
            w.accept(withEnded(Snaps.snapshot(T0.plusSeconds(700), List.of()), List.of(second)));
            assertThat(w.flush()).isTrue();
        }
        List<HostEpisode> episodes = store.queries().hostEpisodes(T0.minusSeconds(1), 10);
        assertThat(episodes).extracting(HostEpisode::observed).containsExactly(300.0, 900.0);
        HostEpisode e = episodes.get(1);
        assertThat(e.host()).isEqualTo(SESSION.host());
        assertThat(e.rule()).isEqualTo("syn_flood_host");
        assertThat(e.since()).isEqualTo(T0);
        assertThat(e.ended()).isEqualTo(T0.plusSeconds(25));
        assertThat(e.reason()).startsWith("900 half-open connections");
        assertThat(e.evidence()).containsExactly("203.0.113.9:4242 -> 192.0.2.1:443 SYN_RECV", "second row");
        assertThat(store.queries().hostEpisodes(T0.plusSeconds(100), 10))
                .as("ended since")
                .extracting(HostEpisode::observed)
                .containsExactly(300.0);
    }

    /**
     * Sessions watching the host at the same time each file its episode; it is listed once, from the
     * earliest start to the latest end at the highest peak, with how many sessions saw it. Another
     * host's, and a later episode of the rule, stay their own. Before: one row per session.
     */
    @Test
    void anEpisodeSeveralSessionsFiledIsListedOnce() throws Exception {
        HistoryStore store = store();
        fileEnded(store, SESSION, new PastFinding(hostFinding(T0, 400), T0.plusSeconds(60)));
        fileEnded(store, SESSION, new PastFinding(hostFinding(T0.plusSeconds(5), 700), T0.plusSeconds(70)));
        fileEnded(store, SESSION, new PastFinding(hostFinding(T0.plusSeconds(1), 500), T0.plusSeconds(50)));
        fileEnded(
                store,
                new SessionInfo("other-host", "0.3.0-test"),
                new PastFinding(hostFinding(T0, 300), T0.plusSeconds(60)));
        fileEnded(store, SESSION, new PastFinding(hostFinding(T0.plusSeconds(600), 300), T0.plusSeconds(660)));
        List<HostEpisode> episodes = store.queries().hostEpisodes(T0.minusSeconds(1), 10);
        assertThat(episodes)
                .extracting(HostEpisode::host, HostEpisode::sessions, HostEpisode::observed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SESSION.host(), 1, 300.0),
                        org.assertj.core.groups.Tuple.tuple(SESSION.host(), 3, 700.0),
                        org.assertj.core.groups.Tuple.tuple("other-host", 1, 300.0));
        HostEpisode merged = episodes.get(1);
        assertThat(merged.since()).isEqualTo(T0);
        assertThat(merged.ended()).isEqualTo(T0.plusSeconds(70));
        assertThat(merged.reason()).startsWith("700 half-open connections");
        assertThat(store.queries().hostEpisodes(T0.minusSeconds(1), 2))
                .as("the limit counts episodes, not rows")
                .extracting(HostEpisode::sessions)
                .containsExactly(1, 3);
    }

    /** A session of its own that files one ended host-wide finding. */
    private void fileEnded(HistoryStore store, SessionInfo session, PastFinding ended) throws Exception {
        try (HistoryWriter w = store.startWriter(Snaps.options(), session, InstantSource.fixed(T0))) {
            w.accept(withEnded(Snaps.snapshot(ended.ended(), List.of()), List.of(ended)));
            assertThat(w.flush()).isTrue();
        }
    }

    private static Finding hostFinding(java.time.Instant since, int halfOpen) {
        return new Finding(
                "syn_flood_host",
                Severity.HIGH,
                "host",
                halfOpen + " half-open connections (SYN_RECV) on this host (threshold 256)",
                halfOpen,
                256,
                java.time.Duration.ZERO,
                since,
                List.of("203.0.113.9:4242 -> 192.0.2.1:443 SYN_RECV", "second row"));
    }

    private static Snapshot withEnded(Snapshot s, List<PastFinding> ended) {
        return new Snapshot(
                s.generatedAt(), s.host(), s.sources(), s.totals(), s.ips(), s.listeners(), s.findings(), ended);
    }

    @Test
    void closeWritesWhatIsPendingAndABlockOutsideTheSessionIsTheIpsLastAction() throws Exception {
        HistoryStore store = store();
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
            w.accept(Snaps.snapshot(T0, List.of(Ip.of("203.0.113.50", T0, 7))));
        }
        assertThat(store.queries()
                        .ip(IpKey.parse("203.0.113.50"), 5)
                        .orElseThrow()
                        .lastAction())
                .isNull();
        store.recordAction(IpKey.parse("203.0.113.50"), "block", "syn-flood from AS64500", T0.plusSeconds(5));
        IpRecord r = store.queries().ip(IpKey.parse("203.0.113.50"), 5).orElseThrow();
        assertThat(r.requests()).isEqualTo(7);
        assertThat(r.lastAction()).isEqualTo("block");
        assertThat(r.lastActionReason()).isEqualTo("syn-flood from AS64500");
        assertThat(store.sizeBytes()).isPositive();
    }

    @Test
    void topAndRecurringRankTheRightIps() throws Exception {
        HistoryStore store = store();
        for (int session = 0; session < 3; session++) {
            try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
                w.accept(Snaps.snapshot(
                        T0,
                        List.of(
                                Ip.of("203.0.113.1", T0, 10),
                                Ip.of("203.0.113.2", T0, 1).auth(50))));
                if (session == 0) {
                    w.accept(Snaps.snapshot(
                            T0, List.of(Ip.of("203.0.113.3", T0, 100).rules("scanner"))));
                }
            }
        }
        HistoryQueries q = store.queries();
        assertThat(q.top(HistoryQueries.By.REQUESTS, T0.minusSeconds(1), 10))
                .extracting(IpSummary::ip)
                .containsExactly("203.0.113.3", "203.0.113.1", "203.0.113.2");
        assertThat(q.top(HistoryQueries.By.AUTH, T0.minusSeconds(1), 10))
                .singleElement()
                .satisfies(s -> assertThat(s.authFailures()).isEqualTo(150));
        assertThat(q.top(HistoryQueries.By.FLAGGED, T0.minusSeconds(1), 10))
                .extracting(IpSummary::ip)
                .containsExactly("203.0.113.3");
        assertThat(q.recurring(3, 10)).extracting(IpSummary::ip).containsExactly("203.0.113.1", "203.0.113.2");
        assertThat(q.info(IpKey.parse("203.0.113.1")).sessions()).isEqualTo(3);
        assertThat(q.info(IpKey.parse("203.0.113.99")).sessions()).isZero();
    }

    /**
     * An attack is counted once per episode (a rule and when it started firing), whether a snapshot
     * shows it firing or already ended: a replay records only its final report, where an attack that
     * was over before the log ended is an earlier finding (it counted 0 before); live, a finding that
     * ends is not counted again, and one that fires again later is a new episode.
     */
    @Test
    void countsEachEpisodeOnceFiringOrEnded() throws Exception {
        HistoryStore store = store();
        Finding first = finding("ssh_bruteforce", T0);
        Finding again = finding("ssh_bruteforce", T0.plusSeconds(3600));
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
            IpView replayed = Ip.of("203.0.113.8", T0, 1).view(null);
            w.accept(Snaps.of(T0.plusSeconds(7200), List.of(with(replayed, List.of(), List.of(ended(first))))));

            IpView live = Ip.of("203.0.113.9", T0, 1).view(null);
            w.accept(Snaps.of(T0, List.of(with(live, List.of(first), List.of()))));
            w.accept(Snaps.of(T0.plusSeconds(900), List.of(with(live, List.of(), List.of(ended(first))))));
            w.accept(Snaps.of(T0.plusSeconds(3600), List.of(with(live, List.of(again), List.of(ended(first))))));
        }
        IpRecord replay = store.queries().ip(IpKey.parse("203.0.113.8"), 2).orElseThrow();
        assertThat(replay.flagged()).isEqualTo(1);
        assertThat(replay.rules()).containsExactly(Map.entry("ssh_bruteforce", 1L));
        IpRecord live = store.queries().ip(IpKey.parse("203.0.113.9"), 2).orElseThrow();
        assertThat(live.flagged()).isEqualTo(2);
    }

    private static Finding finding(String rule, Instant since) {
        return new Finding(rule, Severity.HIGH, "x", "test", 6, 5, Duration.ofMinutes(10), since, List.of());
    }

    private static PastFinding ended(Finding f) {
        return new PastFinding(f, f.since().plusSeconds(600));
    }

    private static IpView with(IpView v, List<Finding> now, List<PastFinding> earlier) {
        return new IpView(
                v.ip(),
                v.firstSeen(),
                v.lastSeen(),
                v.connections(),
                v.services(),
                v.requests(),
                v.bytes(),
                v.status(),
                v.methods(),
                v.requestsPerMin(),
                v.newConnsPerSec(),
                v.lastRequests(),
                v.auth(),
                v.geo(),
                v.whois(),
                v.history(),
                now,
                v.wire(),
                v.tcp(),
                v.processes(),
                v.via(),
                earlier,
                null,
                List.of());
    }
}
