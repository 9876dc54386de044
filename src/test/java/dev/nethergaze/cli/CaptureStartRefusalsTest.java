package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.source.capture.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A headless capture whose only source cannot start is one line and exit 2, at once: an unknown
 * interface and a filter libpcap cannot compile (before: an error line, then a run that counted
 * nothing until --duration, exit 0, or forever), and a --read file that is not a capture (before:
 * an empty report, exit 0).
 */
class CaptureStartRefusalsTest {

    @TempDir
    Path tmp;

    @Test
    void aFileThatIsNotACaptureIsOneLineAndExit2() throws Exception {
        Path text = tmp.resolve("notpcap.pcap");
        Files.write(text, List.of("hello, this is text"));
        CliRun r = CliRun.of("capture", "--headless", "--no-socket", "--read", text.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("nethergaze capture: " + text + ": not a pcap or pcapng file (no capture header at its"
                        + " start)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownInterfaceIsOneLineAndExit2AtOnce() {
        assumeTrue(Tools.hasLibpcap(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("capture", "--headless", "--no-socket", "--iface", "nosuch0", "--duration", "30");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("nethergaze capture: capture on nosuch0").doesNotContain("\n ");
        assertThat(r.err().strip()).doesNotContain("\n");
        assertThat(System.nanoTime() - t0).isLessThan(20_000_000_000L); // not the 30 s of --duration
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFilterLibpcapCannotCompileIsOneLineAndExit2() {
        assumeTrue(Tools.isRoot(), "opening an interface needs root or CAP_NET_RAW (CI runs as root)");
        assumeTrue(Tools.hasLibpcap(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        CliRun r = CliRun.of(
                "capture", "--headless", "--no-socket", "--iface", "lo", "--duration", "30", "--bpf", "tcp and (((");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("nethergaze capture: lo: bad filter ");
        assertThat(r.err().strip()).doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBpfFilterOnAReplayIsOneLineAndExit2() throws Exception {
        // before: "nethergaze: internal error: java.lang.IllegalArgumentException: --bpf applies to ...", exit 1
        Path pcap = tmp.resolve("empty.pcap");
        Files.write(pcap, new byte[] {
            (byte) 0xd4,
            (byte) 0xc3,
            (byte) 0xb2,
            (byte) 0xa1,
            2,
            0,
            4,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            4,
            0,
            1,
            0,
            0,
            0
        });
        CliRun r = CliRun.of("capture", "--headless", "--no-socket", "--read", pcap.toString(), "--bpf", "tcp");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("nethergaze capture: --bpf applies to live capture only; use --port/--proto/--src/--dst\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aDirectoryToReadAsksForACaptureFileNotForLogs() {
        // before: "is a directory (give the log files in it, e.g. DIR/access.log*)", as replay says for logs
        CliRun r = CliRun.of("capture", "--headless", "--no-socket", "--read", tmp.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("nethergaze capture: " + tmp + ": is a directory (give a pcap or pcapng file in it, e.g. "
                        + tmp + "/*.pcap)\n");
    }
}
