package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay of an auth log in which a guesser takes a new address of its IPv6 /64 for each password:
 * the report names the /64 in its top-level findings, flags every address with it ({@code
 * --suspicious} lists them), the text report shows it once, and {@code explain} of one address shows
 * it with the prefix as subject; the same log with {@code detect.ipv6_prefix = 128} flags nothing.
 */
class V6PrefixReplayTest {

    private static Path log(Path dir) throws Exception {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 30; i++) { // one failed password every 10 s, each from another address
            s.append(String.format(
                    "Mar 10 03:%02d:%02d web1 sshd[%d]: Failed password for root from 2001:db8:bad:1:%x::1 port 4%04d ssh2%n",
                    i / 6, (i % 6) * 10, 7000 + i, 0x100 + i, i));
        }
        s.append("Mar 10 03:05:00 web1 sshd[8000]: Accepted publickey for ops from 2001:db8:cafe::5 port 50000 ssh2\n");
        return Files.writeString(dir.resolve("auth.log"), s);
    }

    @Test
    void explainOfThePrefixShowsTheEpisodeThatEndedAtItsPeak(@TempDir Path dir) throws Exception {
        Path auth = log(dir);
        // two hours later the owner logs in again: the clock moves past the brute-force window
        Files.writeString(
                auth,
                "Mar 10 05:05:00 web1 sshd[8001]: Accepted publickey for ops from 2001:db8:cafe::5 port 50001 ssh2\n",
                java.nio.file.StandardOpenOption.APPEND);
        CliRun text = CliRun.of("explain", "2001:db8:bad:1::/64", "--replay", auth.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out())
                // the burst is over: it ended as brute force, not turned into a day of "slow guessing"
                .startsWith("2001:db8:bad:1::/64: no findings now\n30 addresses of it in the report: ")
                .doesNotContain("ssh_slow_guess_prefix")
                .contains("earlier (ended):\n\n[high] ssh_bruteforce_prefix: 30 failed SSH logins in 600 s");
        CliRun none = CliRun.of("explain", "2001:db8:f00d::/64", "--replay", auth.toString());
        assertThat(none.out()).isEqualTo("2001:db8:f00d::/64: not seen\n");
        CliRun bad = CliRun.of("explain", "2001:db8::/129", "--replay", auth.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("2001:db8::/129").doesNotContain("Exception");
    }

    @Test
    void aGuesserRotatingThroughItsSlash64IsFlaggedAsOne(@TempDir Path dir) throws Exception {
        Path auth = log(dir);
        CliRun r = CliRun.of("replay", "--json", "--suspicious", auth.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = r.json();
        JsonNode top = doc.get("findings");
        assertThat(top.findValuesAsText("subject")).containsOnly("2001:db8:bad:1::/64");
        assertThat(top.findValuesAsText("rule")).contains("ssh_bruteforce_prefix");
        assertThat(top.get(0).get("reason").asText()).contains("from 30 addresses of 2001:db8:bad:1::/64");
        List<String> listed = new ArrayList<>();
        for (JsonNode ip : doc.get("ips")) {
            listed.add(ip.get("ip").asText());
            assertThat(ip.get("findings").findValuesAsText("rule")).contains("ssh_bruteforce_prefix");
        }
        assertThat(listed)
                .as("every address of the /64, and not the owner's")
                .hasSize(30)
                .doesNotContain("2001:db8:cafe::5");

        CliRun text = CliRun.of("replay", auth.toString());
        assertThat(text.out().split("2001:db8:bad:1::/64  HIGH ssh_bruteforce_prefix", -1))
                .as("the prefix's finding once in the findings section: " + text.out())
                .hasSize(2);

        CliRun explain = CliRun.of("explain", "2001:db8:bad:1:105::1", "--replay", auth.toString(), "--json");
        assertThat(explain.exit()).as(explain.err()).isZero();
        assertThat(explain.json().get("findings").findValuesAsText("subject")).contains("2001:db8:bad:1::/64");

        CliRun prefix = CliRun.of("explain", "2001:db8:bad:1::/64", "--replay", auth.toString(), "--json");
        assertThat(prefix.exit()).as(prefix.err()).isZero();
        assertThat(prefix.json().get("findings").findValuesAsText("rule")).containsExactly("ssh_bruteforce_prefix");
        assertThat(prefix.json().get("addresses")).hasSize(30);

        CliRun off = CliRun.of("replay", "--json", "--set", "detect.ipv6_prefix=128", auth.toString());
        assertThat(off.json().get("findings")).isEmpty();
        assertThat(off.json().get("ips").findValues("findings").stream().filter(f -> f.size() > 0))
                .as("one password per address is below every per-address rule")
                .isEmpty();
    }
}
