package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.source.conn.Netns;
import dev.nethergaze.source.conn.SynBurst;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SYN flood, over: a bounded hping3 burst (1,500 SYNs at 10k/s, never --flood) at a listener
 * with a backlog of 64 in a network namespace the test creates, its SYN-ACKs dropped, syncookies on.
 * The shipped jar's {@code watch} sees the kernel's cookie counter jump (syn_flood_counters, a flood
 * the table cannot show), and once the counter stands still again, reports it in the top-level {@code
 * earlier_findings} at its peak, with when it ended: a flood that came and went at 3 a.m. is still
 * there in the morning, and in {@code history host} after {@code watch} has stopped.
 */
class HostFloodNamespaceIT {

    private static final int SYNS = 1500;

    @TempDir
    Path tmp;

    @Test
    void aSynFloodSeenByTheCountersIsReportedAfterItEnded() throws Exception {
        String missing = Netns.missing("hping3", "nft");
        assumeTrue(missing == null, missing);
        Path history = tmp.resolve("history.db");
        try (Netns ns = Netns.create();
                ServerSocketChannel listener = SynBurst.listener(ns, 64)) {
            ns.exec("sysctl", "-q", "-w", "net.ipv4.tcp_syncookies=1");
            int port = SynBurst.port(listener);
            SynBurst.firewall(ns, port);
            try (ShippedJar.Jsonl watch = ShippedJar.Jsonl.watch(
                    List.of("ip", "netns", "exec", ns.name()),
                    "0.5",
                    "--no-http",
                    "--no-auth",
                    "--history",
                    history.toString())) {
                JsonNode doc = watch.next(30);
                assertThat(doc.get("earlier_findings")).isEmpty();
                Instant before = Instant.now();
                SynBurst.burst(ns, port, SYNS);

                JsonNode firing = until(watch, d -> rules(d.get("findings")).contains("syn_flood_counters"));
                assertThat(firing.get("earlier_findings")).isEmpty();
                JsonNode over = until(
                        watch,
                        d -> rules(d.get("findings")).isEmpty()
                                && !d.get("earlier_findings").isEmpty());
                JsonNode ended = over.get("earlier_findings").get(0);
                assertThat(ended.get("rule").asText()).isEqualTo("syn_flood_counters");
                assertThat(ended.get("subject").asText()).isEqualTo("host");
                assertThat(ended.get("observed").asDouble())
                        .as("cookies sent at the peak, of %d SYNs at a backlog of 64", SYNS)
                        .isGreaterThan(SYNS / 2.0);
                assertThat(ended.get("reason").asText()).contains("SYN cookies sent");
                assertThat(Instant.parse(ended.get("ended").asText())).isAfter(before);
                assertThat(Instant.parse(ended.get("since").asText()))
                        .isBeforeOrEqualTo(Instant.parse(ended.get("ended").asText()));
                assertThat(ended.get("evidence").toString()).contains("TcpExt SyncookiesSent +");
            } // SIGTERM: watch files what it holds and ends its session
            JsonNode filed = ShippedJar.json(null, "history", "host", "--history", history.toString(), "--json");
            assertThat(filed).singleElement().satisfies(e -> {
                assertThat(e.get("rule").asText()).isEqualTo("syn_flood_counters");
                assertThat(e.get("observed").asDouble()).isGreaterThan(SYNS / 2.0);
                assertThat(e.get("evidence").toString()).contains("TcpExt SyncookiesSent +");
            });
        }
    }

    private static List<String> rules(JsonNode findings) {
        return findings.findValuesAsText("rule");
    }

    /** The first line of {@code watch} within 20 s that satisfies {@code test}. */
    private static JsonNode until(ShippedJar.Jsonl watch, java.util.function.Predicate<JsonNode> test)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode d = watch.poll(1000);
            if (d != null && test.test(d)) {
                return d;
            }
        }
        throw new AssertionError("no such line of watch within 20 s");
    }
}
