package dev.nethergaze.source.netstat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nethergaze.model.SynCounters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counters on this machine's real /proc/net/netstat and snmp (recorded with the netlink
 * fixtures, right after a 200-SYN burst in a namespace), then moved forward by known amounts.
 */
class SynCounterSamplerTest {

    @TempDir
    Path proc;

    private String netstat;
    private String snmp;

    private static String resource(String name) throws IOException {
        try (InputStream in = SynCounterSamplerTest.class.getResourceAsStream("/netlink/proc/net/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @BeforeEach
    void realFiles() throws IOException {
        netstat = resource("netstat");
        snmp = resource("snmp");
        Files.createDirectories(proc.resolve("net"));
        Files.createDirectories(proc.resolve("sys/net/ipv4"));
        Files.writeString(proc.resolve("sys/net/ipv4/tcp_syncookies"), "1\n");
        write(netstat, snmp);
    }

    private void write(String ns, String sn) throws IOException {
        Files.writeString(proc.resolve("net/netstat"), ns);
        Files.writeString(proc.resolve("net/snmp"), sn);
    }

    /** The file with {@code prefix.name} increased by {@code by}. */
    private static String bump(String text, String prefix, String name, long by) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i + 1 < lines.length; i++) {
            String[] names = lines[i].split(" ");
            if (names[0].equals(prefix + ":") && lines[i + 1].startsWith(prefix + ": ")) {
                String[] values = lines[i + 1].split(" ");
                int c = Arrays.asList(names).indexOf(name);
                values[c] = Long.toString(Long.parseLong(values[c]) + by);
                lines[i + 1] = String.join(" ", values);
                return String.join("\n", lines);
            }
        }
        throw new AssertionError(prefix + "." + name + " not in file");
    }

    @Test
    void recordedFilesHoldEveryCounter() {
        long[] out = new long[SynCounterSampler.KEYS.size()];
        Arrays.fill(out, -1);
        byte[] ns = netstat.getBytes(StandardCharsets.US_ASCII);
        byte[] sn = snmp.getBytes(StandardCharsets.US_ASCII);
        assertThat(NetstatParser.pick(ns, ns.length, SynCounterSampler.KEYS, out)
                        + NetstatParser.pick(sn, sn.length, SynCounterSampler.KEYS, out))
                .isEqualTo(SynCounterSampler.KEYS.size());
        assertThat(out[0]).as("SyncookiesSent after the recorded burst").isPositive();
        assertThat(out[7]).as("Tcp.InSegs").isGreaterThanOrEqualTo(200);
    }

    @Test
    void ratesAreDeltasPerSecond() throws IOException {
        SynCounterSampler s = new SynCounterSampler(proc);
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        SynCounters first = s.sample(t0);
        assertThat(first.hasRates()).as("one reading: no rates yet").isFalse();
        assertThat(first.sinceBoot().syncookiesSent())
                .as("but the values since boot")
                .isPositive();

        String ns = bump(netstat, "TcpExt", "SyncookiesSent", 4000);
        ns = bump(ns, "TcpExt", "TCPReqQFullDoCookies", 4000);
        ns = bump(ns, "TcpExt", "ListenDrops", 10);
        ns = bump(ns, "TcpExt", "TCPSynRetrans", 6);
        write(ns, bump(snmp, "Tcp", "InSegs", 5000));
        SynCounters c = s.sample(t0.plusSeconds(2));

        assertThat(c.syncookiesSentPerS()).isCloseTo(2000, within(1e-9));
        assertThat(c.reqQFullDoCookiesPerS()).isCloseTo(2000, within(1e-9));
        assertThat(c.listenDropsPerS()).isCloseTo(5, within(1e-9));
        assertThat(c.synRetransPerS()).isCloseTo(3, within(1e-9));
        assertThat(c.inSegsPerS()).isCloseTo(2500, within(1e-9));
        assertThat(c.syncookiesFailedPerS()).isZero();
        assertThat(c.syncookies()).isEqualTo(1);
        assertThat(c.intervalS()).isEqualTo(2.0);
        assertThat(c.sinceBoot().syncookiesSent()).isEqualTo(first.sinceBoot().syncookiesSent() + 4000);
    }

    /**
     * A kernel whose netstat outgrows the read buffer (16 KiB: more extension rows, e.g. MPTcpExt and
     * vendor counters) is read whole: the buffer grown for it is the one parsed. Before, the old, smaller
     * buffer was handed to the parser with the new length.
     */
    @Test
    void aNetstatBiggerThanTheBufferIsReadWhole() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int row = 0; row < 40; row++) { // ~24 KiB of other counters first
            StringBuilder names = new StringBuilder("VendorExt" + row + ":");
            StringBuilder values = new StringBuilder("VendorExt" + row + ":");
            for (int k = 0; k < 40; k++) {
                names.append(" Counter").append(k);
                values.append(' ').append(k);
            }
            big.append(names).append('\n').append(values).append('\n');
        }
        write(big + netstat, snmp);
        SynCounters first = new SynCounterSampler(proc).sample(Instant.parse("2026-11-22T03:00:00Z"));
        long[] expected = new long[SynCounterSampler.KEYS.size()];
        Arrays.fill(expected, -1);
        byte[] ns = netstat.getBytes(StandardCharsets.US_ASCII);
        NetstatParser.pick(ns, ns.length, SynCounterSampler.KEYS, expected);
        assertThat(big.length()).isGreaterThan(16 * 1024);
        assertThat(first.sinceBoot().syncookiesSent()).isEqualTo(expected[0]).isPositive();
    }

    @Test
    void aCounterGoingBackRestartsTheBaseline() throws IOException {
        SynCounterSampler s = new SynCounterSampler(proc);
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        write(bump(netstat, "TcpExt", "SyncookiesSent", 100), snmp);
        s.sample(t0);
        write(netstat, snmp);
        assertThat(s.sample(t0.plusSeconds(1)).hasRates()).isFalse();
        assertThat(s.sample(t0.plusSeconds(2)).hasRates()).isTrue();
    }

    @Test
    void garbageIsIgnored() {
        byte[] junk = "TcpExt: A B\nTcpExt: 1\nIp: x\nIp: y\n\n".getBytes(StandardCharsets.US_ASCII);
        long[] out = {-1};
        assertThat(NetstatParser.pick(junk, junk.length, java.util.List.of("TcpExt.A"), out))
                .isZero();
        assertThat(out[0]).isEqualTo(-1);
    }
}
