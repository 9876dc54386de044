package dev.nethergaze.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.model.Totals;
import dev.nethergaze.source.capture.IpTotals;
import dev.nethergaze.source.capture.MacTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trip of every control command over a real Unix socket, and safe creation of the socket. */
class ControlServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a capture's status looks like to the control socket: a record. */
    record Extra(String mode, long kernelReceived) {}

    /** A recording handler: a hand-written fake, not a mock. */
    static class Recorder implements ControlHandler {
        final List<String> calls = new ArrayList<>();

        @Override
        public Snapshot snapshot() {
            Totals t = new Totals(0, 0, Map.of(), 0, 7, 7, 0, 1234, 0, 0, 56);
            List<SourceHealth> sources =
                    List.of(new SourceHealth("conn", "conn", SourceStatus.PERMISSION_DENIED, "not root", 3, 0));
            return new Snapshot(
                    Instant.parse("2026-11-22T03:00:00Z"), "h", sources, t, List.of(), List.of(), List.of(), List.of());
        }

        @Override
        public Object status() {
            return new Extra("test", 42);
        }

        @Override
        public synchronized String setFilter(FilterRequest r) {
            calls.add("set " + r.port());
            return "bad".equals(r.port()) ? "not a port: bad" : null;
        }

        @Override
        public synchronized void pause() {
            calls.add("pause");
        }

        @Override
        public synchronized void resume() {
            calls.add("resume");
        }

        @Override
        public synchronized void reset() {
            calls.add("reset");
        }

        @Override
        public synchronized void stop() {
            calls.add("stop");
        }
    }

    private static JsonNode ask(Path sock, String req) throws IOException {
        return JSON.readTree(ControlClient.send(sock, req));
    }

    @Test
    void everyCommandRoundTrips(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        Recorder rec = new Recorder();
        try (ControlServer ignored = ControlServer.start(sock, rec)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)))
                    .isEqualTo("rw-------");
            assertThat(ask(sock, "{\"cmd\":\"status\"}")
                            .path("data")
                            .path("capture")
                            .path("mode")
                            .asText())
                    .isEqualTo("test");
            assertThat(ask(sock, "{\"cmd\":\"status\"}").path("data").path("capture"))
                    .hasToString("{\"mode\":\"test\",\"kernel_received\":42}"); // snake_case, as snapshots
            JsonNode status = ask(sock, "{\"cmd\":\"status\"}").path("data");
            assertThat(status.path("ips").asLong()).isEqualTo(7);
            assertThat(status.path("requests").asLong()).isEqualTo(1234);
            assertThat(status.path("auth_failures").asLong()).isEqualTo(56);
            // sources as snapshots list them: the same status words, not the enum's names
            assertThat(ask(sock, "{\"cmd\":\"status\"}")
                            .path("data")
                            .path("sources")
                            .get(0))
                    .hasToString("{\"name\":\"conn\",\"kind\":\"conn\",\"status\":\"permission_denied\","
                            + "\"detail\":\"not root\",\"lines\":3,\"malformed\":0}");
            assertThat(ask(sock, "{\"cmd\":\"set\",\"port\":\"443\"}")
                            .path("ok")
                            .asBoolean())
                    .isTrue();
            JsonNode bad = ask(sock, "{\"cmd\":\"set\",\"port\":\"bad\"}");
            assertThat(bad.path("ok").asBoolean()).isFalse();
            assertThat(bad.path("error").asText()).isEqualTo("not a port: bad");
            assertThat(ask(sock, "{\"cmd\":\"top\",\"n\":50}").path("data").isArray())
                    .isTrue();
            assertThat(ask(sock, "{\"cmd\":\"top\",\"n\":5000}").path("ok").asBoolean())
                    .isFalse();
            assertThat(ask(sock, "{\"cmd\":\"pause\"}").path("ok").asBoolean()).isTrue();
            assertThat(ask(sock, "{\"cmd\":\"resume\"}").path("ok").asBoolean()).isTrue();
            assertThat(ask(sock, "{\"cmd\":\"reset\"}").path("ok").asBoolean()).isTrue();
            JsonNode snap = ask(sock, "{\"cmd\":\"snapshot\"}");
            assertThat(snap.path("data").path("schema_version").asInt()).isEqualTo(Snapshot.SCHEMA_VERSION);
            assertThat(ask(sock, "nonsense").path("error").asText()).isEqualTo("request is not JSON");
            assertThat(ask(sock, "{\"cmd\":\"fly\"}").path("error").asText()).isEqualTo("unknown command fly");
            assertThat(ask(sock, "{\"cmd\":\"stop\"}").path("ok").asBoolean()).isTrue();
            Thread.sleep(50);
            synchronized (rec) {
                assertThat(rec.calls).containsExactly("set 443", "set bad", "pause", "resume", "reset", "stop");
            }
        }
        assertThat(Files.exists(sock)).isFalse();
    }

    /**
     * A replay whose thread is busy cannot give a snapshot within its wait: {@code status} still answers
     * with the capture's counters and says why the engine's part is missing (before: the whole request
     * failed, and the operator saw no packet counts at all).
     */
    @Test
    void statusOfABusyEngineStillGivesTheCapture(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        Recorder busy = new Recorder() {
            @Override
            public Snapshot snapshot() {
                throw new IllegalStateException("the replay did not get to it within 3 s (busy reading or judging)");
            }
        };
        try (ControlServer ignored = ControlServer.start(sock, busy)) {
            JsonNode reply = ask(sock, "{\"cmd\":\"status\"}");
            assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
            assertThat(reply.path("data").path("capture")).hasToString("{\"mode\":\"test\",\"kernel_received\":42}");
            assertThat(reply.path("data").path("engine_unavailable").asText())
                    .isEqualTo("the replay did not get to it within 3 s (busy reading or judging)");
            assertThat(reply.path("data").has("ips")).isFalse();
            JsonNode top = ask(sock, "{\"cmd\":\"top\"}");
            assertThat(top.path("ok").asBoolean()).isFalse(); // top needs the engine's table: refused, with why
            assertThat(top.path("error").asText())
                    .isEqualTo("top failed: the replay did not get to it within 3 s" + " (busy reading or judging)");
        }
    }

    /** A capture's status as the capture gives it: its top talkers. */
    record Talkers(List<IpTotals> top) {}

    record Macs(List<MacTable.MacCount> macs) {}

    /**
     * The capture's MACs name their first packet's time as the top talkers do ({@code first_seen_ns});
     * found black-box: one {@code ctl status} reply said {@code first_seen_ns} in {@code top} and
     * {@code first_nanos} in {@code macs}.
     */
    @Test
    void statusNamesTheMacsFirstSeenAsTheTopTalkers(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        Recorder withMacs = new Recorder() {
            @Override
            public Object status() {
                return new Macs(List.of(new MacTable.MacCount("02:00:00:00:00:01", 3, 10, 1)));
            }
        };
        try (ControlServer ignored = ControlServer.start(sock, withMacs)) {
            JsonNode mac = ask(sock, "{\"cmd\":\"status\"}")
                    .path("data")
                    .path("capture")
                    .path("macs")
                    .get(0);
            List<String> names = new ArrayList<>();
            mac.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("mac", "packets", "first_seen_ns", "last_second_packets");
            assertThat(mac.path("first_seen_ns").asLong()).isEqualTo(10);
        }
    }

    /**
     * The capture's top talkers in {@code status} name their address as every other reply does
     * ({@code "192.0.2.2"}, {@code "2001:db8::7"}); before, the address was the model's two longs and
     * flags ({@code {"hi":0,"lo":281473902969346,"private":false,…}}), no address a person could read.
     */
    @Test
    void statusNamesTheCapturesTopTalkersByTheirAddress(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        Recorder withTalkers = new Recorder() {
            @Override
            public Object status() {
                return new Talkers(List.of(
                        new IpTotals(
                                IpKey.parse("192.0.2.2"), 6, 480, 5, 1, 0, 0, 1, 0, 0, 0, 0, 0.125, 0, 0, 0, 1, 10, 20),
                        new IpTotals(
                                IpKey.parse("2001:db8::7"),
                                1,
                                80,
                                0,
                                1,
                                0,
                                0,
                                0,
                                1,
                                1,
                                0,
                                0,
                                null,
                                0,
                                0,
                                0,
                                1,
                                30,
                                30)));
            }
        };
        try (ControlServer ignored = ControlServer.start(sock, withTalkers)) {
            JsonNode top = ask(sock, "{\"cmd\":\"status\"}")
                    .path("data")
                    .path("capture")
                    .path("top");
            assertThat(top.get(0).path("ip")).as(top.toString()).hasToString("\"192.0.2.2\"");
            assertThat(top.get(1).path("ip")).as(top.toString()).hasToString("\"2001:db8::7\"");
            assertThat(top.get(0).path("packets").asLong()).isEqualTo(6);
            // the figures by the names of the snapshot's ips[].wire (syn_ack, unanswered_syn and
            // first_nanos were printed here, synack, syn_unanswered and first_seen_ns there)
            List<String> names = new java.util.ArrayList<>();
            top.get(1).fieldNames().forEachRemaining(names::add);
            assertThat(names)
                    .containsExactly(
                            "ip",
                            "packets",
                            "bytes",
                            "rx_packets",
                            "syn",
                            "synack",
                            "rst",
                            "handshakes",
                            "syn_unanswered",
                            "syn_refused",
                            "half_open",
                            "synack_reset",
                            "handshake_rtt_ms_p50",
                            "retrans",
                            "sack_blocks",
                            "zero_window",
                            "ports_touched",
                            "first_seen_ns",
                            "last_seen_ns");
            assertThat(top.get(1).path("syn_refused").asLong()).isEqualTo(1);
        }
    }

    /**
     * {@code top}'s wire rates are those of the snapshot JSON: rounded to two decimals, null while the
     * capture counts nothing ({@code "pps_60s":33.898305084745765} was printed, seen against a live
     * capture on a veth, beside the snapshot's 33.9).
     */
    @Test
    void topGivesTheWireRatesAsTheSnapshotDoes(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        Recorder withWire = new Recorder() {
            @Override
            public Snapshot snapshot() {
                Snapshot s = super.snapshot();
                return s.withIps(List.of(
                        wired("192.0.2.1", 1000, 831.0, 2000 / 59.0), wired("192.0.2.2", 10, Double.NaN, Double.NaN)));
            }
        };
        try (ControlServer ignored = ControlServer.start(sock, withWire)) {
            JsonNode top = ask(sock, "{\"cmd\":\"top\",\"n\":2}").path("data");
            assertThat(top.get(0).path("pps").asDouble()).as(top.toString()).isEqualTo(831.0);
            assertThat(top.get(0).path("pps_60s").asDouble()).as(top.toString()).isEqualTo(33.9);
            assertThat(top.get(1).path("pps").isNull()).as(top.toString()).isTrue();
            assertThat(top.get(1).path("pps_60s").isNull()).as(top.toString()).isTrue();
        }
    }

    private static dev.nethergaze.model.IpView wired(String ip, long packets, double pps, double pps60s) {
        return dev.nethergaze.model.WiredViews.of(
                ip,
                Instant.parse("2026-11-22T03:00:00Z"),
                new dev.nethergaze.model.WireSummary(
                        packets,
                        0,
                        0,
                        pps,
                        pps,
                        pps60s,
                        pps,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        Double.NaN,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        ""),
                dev.nethergaze.model.AuthSummary.NONE);
    }

    @Test
    void refusesASymlinkAtTheSocketPathAndLeavesIt(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("victim"), "keep me");
        Path sock = dir.resolve("ng.sock");
        Files.createSymbolicLink(sock, target);
        assertThatThrownBy(() -> ControlServer.start(sock, new Recorder())).hasMessageContaining("symbolic link");
        assertThat(Files.isSymbolicLink(sock)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("keep me");
    }

    @Test
    void refusesARegularFileAndReplacesAStaleSocket(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> ControlServer.start(file, new Recorder())).hasMessageContaining("not a socket");
        Path sock = dir.resolve("ng.sock");
        ControlServer first = ControlServer.start(sock, new Recorder());
        assertThatThrownBy(() -> ControlServer.start(sock, new Recorder())).hasMessageContaining("already listening");
        first.close();
        try (ControlServer again = ControlServer.start(sock, new Recorder())) {
            assertThat(ask(again.path(), "{\"cmd\":\"status\"}").path("ok").asBoolean())
                    .isTrue();
        }
    }

    @Test
    void refusesADirectoryOthersCanReplaceTheSocketIn(@TempDir Path dir) throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> ControlServer.start(open.resolve("ng.sock"), new Recorder()))
                .hasMessageContaining("writable by other users");
        try (var entries = Files.list(open)) {
            assertThat(entries).isEmpty();
        }
        assertThat(new ProcessBuilder("chmod", "1777", open.toString()).start().waitFor())
                .isZero(); // sticky, like /tmp: NIO cannot set that bit
        try (ControlServer sticky = ControlServer.start(open.resolve("ng.sock"), new Recorder())) {
            assertThat(ask(sticky.path(), "{\"cmd\":\"status\"}").path("ok").asBoolean())
                    .isTrue();
        }
    }

    @Test
    void aStaleSocketIsReplacedAndAStartingPeerIsWaitedFor(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        // a socket file whose process died: bound, closed, never unlinked
        java.nio.channels.ServerSocketChannel dead =
                java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        dead.bind(java.net.UnixDomainSocketAddress.of(sock));
        dead.close();
        assertThat(ControlSocket.isSocket(sock)).isTrue();
        try (ControlServer s = ControlServer.start(sock, new Recorder())) {
            assertThat(ask(s.path(), "{\"cmd\":\"status\"}").path("ok").asBoolean())
                    .isTrue();
        }
        assertThat(Files.exists(sock)).isFalse();

        // another process holds the lock (it is between its stale check and its bind): we do not touch
        // the path, we report it
        Process holder = new ProcessBuilder(
                        "python3",
                        "-c",
                        "import fcntl,sys,time; f=open(sys.argv[1],'w'); fcntl.lockf(f, fcntl.LOCK_EX);"
                                + " print('locked', flush=True); time.sleep(60)",
                        sock.resolveSibling("ng.sock.lock").toString())
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(6), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("locked");
            assertThatThrownBy(() -> ControlServer.start(sock, new Recorder()))
                    .hasMessage("another Nethergaze is already listening at " + sock);
            assertThat(Files.exists(sock)).isFalse();
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        try (ControlServer s = ControlServer.start(sock, new Recorder())) {
            assertThat(Files.exists(sock)).isTrue();
        }
    }

    @Test
    void closingRemovesOnlyTheSocketItBound(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        ControlServer s = ControlServer.start(sock, new Recorder());
        Files.delete(sock); // someone removed ours and put another socket there
        java.nio.channels.ServerSocketChannel other =
                java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        try (other) {
            other.bind(java.net.UnixDomainSocketAddress.of(sock));
            s.close();
            assertThat(ControlSocket.isSocket(sock))
                    .as("the other socket is left alone")
                    .isTrue();
        }
    }

    @Test
    void noServerGivesOneLine(@TempDir Path dir) {
        Path sock = dir.resolve("none.sock");
        assertThatThrownBy(() -> ControlClient.send(sock, "{\"cmd\":\"status\"}"))
                .hasMessage("no running Nethergaze at " + sock);
    }
}
