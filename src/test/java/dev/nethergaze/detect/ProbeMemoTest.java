package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The memo answers as the patterns do, through many turns of its generations, and stays bounded. */
class ProbeMemoTest {

    @Test
    void answersAsThePatternsDoAndStaysBounded() {
        ProbeMemo memo = new ProbeMemo();
        List<String> allow = List.of("/static/");
        String[] probes = {"/.env", "/wp-login.php", "/index.php?page=../../etc/passwd", "/static/.env", "/about"};
        for (int i = 0; i < 5 * ProbeMemo.MAX; i++) {
            String target = i % 3 == 0 ? probes[i % probes.length] : "/products/" + i;
            assertThat(memo.target(target, allow)).isEqualTo(ProbePatterns.target(target, allow));
            String agent = i % 7 == 0 ? "${jndi:ldap://x/a}" : "Mozilla/5.0 " + (i % 50);
            assertThat(memo.header(agent)).isEqualTo(ProbePatterns.headerProbe(agent));
            assertThat(memo.size()).isLessThanOrEqualTo(4 * ProbeMemo.MAX);
        }
    }
}
