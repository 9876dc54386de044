package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Live capture against the real kernel: a bounded hping3 SYN burst on {@code lo} inside a test
 * network namespace while our {@link LiveCapture} (in a child JVM started in that namespace)
 * captures there; every SYN hping3 sent must be seen, and the namespace kernel's own count (one
 * RST per SYN to a closed port) must agree. Without CAP_NET_RAW the capture degrades to one line.
 */
public class LiveNamespaceCaptureTest {

    private static final int SYNS = 2000;
    private static final Pattern RESULT = Pattern.compile("syn (\\d+) packets (\\d+) dropped (-?\\d+) .*");
    private static final Pattern SENT = Pattern.compile("(\\d+) packets transmitted");

    @Test
    void seesEverySynOfABoundedHping3BurstInANamespace() throws Exception {
        Tools.require("ip", "hping3");
        assumeTrue(Tools.isRoot(), "network namespaces and capture need root (CI runs as root)");
        assumeTrue(LibPcap.available(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        String ns = "ngzcap" + ProcessHandle.current().pid();
        Tools.run(List.of("ip", "netns", "add", ns));
        Process child = null;
        try {
            Tools.run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"));
            child = startIn(ns, NamespaceCaptureMain.class, "lo");
            BufferedReader out = reader(child);
            assertThat(line(out)).isEqualTo("capturing");
            long rstsBefore = outRsts(ns);
            String hping = hping3(ns, "-q", "-S", "-p", "9", "-c", "" + SYNS, "-i", "u100", "127.0.0.1");
            long rsts = outRsts(ns) - rstsBefore;
            Matcher sent = SENT.matcher(hping);
            assertThat(sent.find()).as("hping3 output: %s", hping).isTrue();
            long transmitted = Long.parseLong(sent.group(1));
            try (OutputStream in = child.getOutputStream()) {
                in.write("stop\n".getBytes(StandardCharsets.UTF_8));
            }
            String result = line(out);
            Matcher m = RESULT.matcher(result);
            assertThat(m.matches()).as(result).isTrue();
            assertThat(transmitted).isEqualTo(SYNS);
            assertThat(rsts).as("kernel RSTs to the closed port").isEqualTo(transmitted);
            assertThat(Long.parseLong(m.group(1)))
                    .as("SYNs captured: %s", result)
                    .isEqualTo(transmitted);
            assertThat(Long.parseLong(m.group(3))).as("kernel drops").isZero();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            Tools.stop(child);
            Tools.quietly(List.of("ip", "netns", "del", ns));
        }
    }

    @Test
    void withoutCapNetRawSaysSoInOneLine() throws Exception {
        Tools.require("setpriv");
        assumeTrue(LibPcap.available(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"));
        cmd.addAll(childJvm("lo"));
        Process child = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String all = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(all).isEqualTo("error: capture on lo needs root or CAP_NET_RAW (permission denied)\n");
            assertThat(child.exitValue()).isEqualTo(1);
        } finally {
            child.destroyForcibly();
        }
    }

    private static List<String> childJvm(String iface) {
        return childJvm(NamespaceCaptureMain.class, iface);
    }

    /** The command line of a child JVM running {@code main} with this test's class path and {@code args}. */
    public static List<String> childJvm(Class<?> main, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A child JVM running {@code main} in network namespace {@code ns}, its stderr inherited. */
    public static Process startIn(String ns, Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(childJvm(main, args));
        return new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** hping3 run in network namespace {@code ns} with {@code args}: its output, see {@link #output}. */
    public static String hping3(String ns, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "hping3"));
        cmd.addAll(List.of(args));
        return output(cmd);
    }

    public static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    public static String line(BufferedReader r) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        return r.readLine();
                    } catch (IOException e) {
                        return "read failed: " + e.getMessage();
                    }
                })
                .get(30, TimeUnit.SECONDS);
    }

    /** The namespace kernel's Tcp OutRsts (from its own /proc/net/snmp). */
    static long outRsts(String ns) throws IOException {
        List<String> tcp = Tools.run(List.of("ip", "netns", "exec", ns, "cat", "/proc/net/snmp"))
                .lines()
                .filter(l -> l.startsWith("Tcp:"))
                .toList();
        List<String> names = List.of(tcp.get(0).split(" "));
        return Long.parseLong(tcp.get(1).split(" ")[names.indexOf("OutRsts")]);
    }

    /** stdout + stderr of a command that may exit non-zero (hping3 does when replies are RSTs). */
    public static String output(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return s;
    }
}
