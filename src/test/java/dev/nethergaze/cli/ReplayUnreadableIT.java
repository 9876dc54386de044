package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's {@code replay} run as user nobody (setpriv; root reads every file) over files it
 * cannot read, beside one it can: each left out with why, in one line and in {@code sources[]}; the
 * readable one reported. The kernel refuses the reads, not a mock.
 */
class ReplayUnreadableIT {

    private static final List<String> AS_NOBODY =
            List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--");

    @TempDir
    Path dir;

    private Path good;

    @BeforeEach
    void files() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        good = Files.writeString(
                dir.resolve("good.log"),
                "203.0.113.5 - - [10/Mar/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\"\n");
        Path secret = Files.writeString(dir.resolve("secret.log"), Files.readString(good));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path httpd = Files.createDirectory(dir.resolve("httpd")); // RHEL's /var/log/httpd: mode 700
        Files.writeString(httpd.resolve("access_log"), Files.readString(good));
        Files.setPosixFilePermissions(httpd, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectory(dir.resolve("logs"));
    }

    private record Run(int exit, String out, List<String> err) {}

    private Run replay(String... files) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", "--json", "--offline", "--no-history"));
        args.addAll(List.of(files));
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(ShippedJar.command(AS_NOBODY, args.toArray(String[]::new)))
                .directory(dir.toFile())
                .redirectError(err.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readAllLines(err));
    }

    @Test
    void unreadableFilesAreLeftOutWithWhyAndTheOthersAreReported() throws Exception {
        Run r = replay("httpd/access_log", "secret.log", "missing.log", "logs", "good.log");
        assertThat(r.exit()).as(String.join("\n", r.err())).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("totals").get("requests").asLong()).isEqualTo(1);
        assertThat(CliRun.ip(doc, "203.0.113.5").get("requests").asLong()).isEqualTo(1);
        JsonNode sources = doc.get("sources");
        assertThat(CliRun.element(sources, "name", "good.log").get("status").asText())
                .isEqualTo("done");
        assertThat(CliRun.element(sources, "name", "httpd/access_log")
                        .get("status")
                        .asText())
                .isEqualTo("permission_denied");
        assertThat(CliRun.element(sources, "name", "httpd/access_log")
                        .get("detail")
                        .asText())
                .contains("a directory on its path cannot be entered");
        assertThat(CliRun.element(sources, "name", "secret.log").get("status").asText())
                .isEqualTo("permission_denied");
        assertThat(CliRun.element(sources, "name", "missing.log").get("status").asText())
                .isEqualTo("missing");
        assertThat(CliRun.element(sources, "name", "logs").get("detail").asText())
                .startsWith("is a directory");
        assertThat(r.err())
                .containsExactlyInAnyOrder(
                        "nethergaze: httpd/access_log: permission denied (a directory on its path cannot be entered"
                                + " by this user) (left out; the other files are read)",
                        "nethergaze: secret.log: permission denied (run as root?) (left out; the other files are read)",
                        "nethergaze: missing.log: no such file (left out; the other files are read)",
                        "nethergaze: logs: is a directory (give the log files in it, e.g. logs/access.log*) (left out;"
                                + " the other files are read)");
    }

    /**
     * A capture cut inside its global header (the first 10 bytes of a real pcap) has nothing to read:
     * it is left out like a file that cannot be opened, and with nothing else readable the run is a
     * usage error in one line (before: exit 0, a report with no data and an error in sources[]).
     */
    @Test
    void aCaptureWithNothingReadableIsLeftOutLikeAnUnreadableFile() throws Exception {
        byte[] pcap = Files.readAllBytes(dev.nethergaze.TestData.path("pcap/zeek/tcp_syn-synack.pcap"));
        Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(pcap, 10));
        Run none = replay("cut.pcap", "missing.log");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err())
                .containsExactly("nethergaze: cut.pcap: truncated pcap file header (10 of 24 bytes) at offset 10;"
                        + " missing.log: no such file");
        Run beside = replay("cut.pcap", "good.log");
        assertThat(beside.exit()).as(String.join("\n", beside.err())).isZero();
        assertThat(beside.err())
                .containsExactly("nethergaze: cut.pcap: truncated pcap file header (10 of 24 bytes) at offset 10"
                        + " (left out; the other files are read)");
        JsonNode doc = new ObjectMapper().readTree(beside.out());
        assertThat(CliRun.element(doc.get("sources"), "name", "cut.pcap")
                        .get("status")
                        .asText())
                .isEqualTo("error");
        assertThat(doc.get("totals").get("requests").asLong()).isEqualTo(1);
    }

    @Test
    void whenNoFileCanBeReadItIsAUsageErrorInOneLine() throws Exception {
        Run r = replay("secret.log", "missing.log");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .containsExactly("nethergaze: secret.log: permission denied (run as root?); missing.log: no such file");
    }
}
