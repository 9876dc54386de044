package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.DeferredLines;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Evidence rings hand out lists made when read: a list keeps the items it was handed out with while
 * the ring goes on (copy on write), and nothing is formatted for a list nobody reads.
 */
class EvidenceRingTest {

    @Test
    void aListIsFormattedOnlyWhenReadAndOnlyOnce() {
        AtomicInteger formatted = new AtomicInteger();
        EvidenceRing<String> ring = new EvidenceRing<>(3);
        ring.add("a");
        ring.add("b");
        List<String> first = ring.toList(s -> {
            formatted.incrementAndGet();
            return "line " + s;
        });
        assertThat(first).isInstanceOf(DeferredLines.class);
        assertThat(formatted).hasValue(0);
        assertThat(first).containsExactly("line a", "line b");
        assertThat(first.get(1)).isEqualTo("line b"); // read again: made already
        assertThat(formatted).hasValue(2);
    }

    @Test
    void aListHandedOutKeepsItsItemsWhileTheRingGoesOn() {
        EvidenceRing<String> ring = new EvidenceRing<>(3);
        List<String> seen = new ArrayList<>();
        List<List<String>> lists = new ArrayList<>();
        for (String s : List.of("a", "b", "c", "d", "e")) {
            ring.add(s);
            seen.add(s);
            lists.add(ring.toList(x -> x)); // unread: each must still show its own moment
        }
        for (int i = 0; i < lists.size(); i++) {
            List<String> expected = seen.subList(Math.max(0, i - 2), i + 1);
            assertThat(lists.get(i)).as("list %d", i).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theSameListWhileNothingIsAdded() {
        EvidenceRing<String> ring = new EvidenceRing<>(2);
        assertThat(ring.toList(x -> x)).isEmpty();
        ring.add("a");
        List<String> once = ring.toList(x -> x);
        assertThat(ring.toList(x -> x)).isSameAs(once);
        ring.add("b");
        assertThat(ring.toList(x -> x)).isNotSameAs(once).containsExactly("a", "b");
    }

    @Test
    void requestRingsCopyOnWriteToo() {
        IpKey ip = IpKey.parse("203.0.113.7");
        HitRing ring = new HitRing(2);
        List<List<String>> lists = new ArrayList<>();
        List<HttpHit> hits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpHit h = new HttpHit(
                    "access.log",
                    Instant.parse("2026-11-22T03:00:00Z").plusSeconds(i),
                    ip,
                    ip,
                    "GET",
                    "/p" + i,
                    "HTTP/1.1",
                    404,
                    10,
                    "-",
                    "curl/8",
                    "",
                    false);
            hits.add(h);
            ring.add(h);
            lists.add(ring.toList(ip.toString()));
        }
        assertThat(lists.get(0)).containsExactly(Evidence.of(hits.get(0)));
        assertThat(lists.get(1)).containsExactly(Evidence.of(hits.get(0)), Evidence.of(hits.get(1)));
        assertThat(lists.get(3)).containsExactly(Evidence.of(hits.get(2)), Evidence.of(hits.get(3)));
    }

    @Test
    void deferredLinesAreMadeOnceAcrossThreads() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        DeferredLines lines = new DeferredLines(50, i -> {
            calls.incrementAndGet();
            return "l" + i;
        });
        List<Thread> readers = new ArrayList<>();
        List<List<String>> read = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int k = 0; k < 8; k++) {
            readers.add(Thread.ofPlatform().start(() -> read.add(List.copyOf(lines))));
        }
        for (Thread t : readers) {
            t.join();
        }
        assertThat(calls).hasValue(50);
        assertThat(read).hasSize(8).allSatisfy(l -> assertThat(l).hasSize(50).startsWith("l0", "l1"));
        assertThat(lines).isEqualTo(read.getFirst());
    }

    /** An item that comes again right after itself is kept once with its count; a list handed out keeps its own. */
    @Test
    void anItemAgainRightAfterItselfIsCountedOnIt() {
        EvidenceRing<String> ring = new EvidenceRing<>(3);
        ring.add("a", String::equals);
        ring.add("b", String::equals);
        List<String> before = ring.toList(x -> x);
        ring.add("b", String::equals);
        ring.add("b", String::equals);
        assertThat(before).containsExactly("a", "b");
        List<String> after = ring.toList(x -> x);
        assertThat(after).containsExactly("a", "b (×3)");
        ring.add("a", String::equals); // not the newest: an item of its own
        ring.add("c", String::equals); // the oldest slot ("a") is reused: its count starts again
        ring.add("d", String::equals);
        assertThat(ring.toList(x -> x)).containsExactly("a", "c", "d");
        assertThat(after).containsExactly("a", "b (×3)");
    }
}
