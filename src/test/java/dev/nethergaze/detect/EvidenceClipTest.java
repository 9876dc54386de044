package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.RecentRequests;
import dev.nethergaze.model.RequestView;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Evidence stays one printable line: control characters shown as \xNN, long fields cut. */
class EvidenceClipTest {

    @Test
    void controlCharactersAreMadeVisible() {
        assertThat(Evidence.clip("root\u001b[31m\nx\u007f")).isEqualTo("root\\x1b[31m\\x0ax\\x7f");
    }

    @Test
    void aCleanFieldIsKeptAsIs() {
        String s = "Mozilla/5.0 (X11; Linux x86_64) é";
        assertThat(Evidence.clip(s)).isSameAs(s);
    }

    @Test
    void aLongFieldIsCut() {
        String s = "a".repeat(10_000);
        String c = Evidence.clip(s);
        assertThat(c).endsWith("…").hasSizeLessThan(1_000);
        assertThat(s).startsWith(c.substring(0, c.length() - 1));
    }

    @Test
    void ringsKeepOnlyWhatTheEvidenceLineShowsAndTheLineIsTheSame() {
        IpKey ip = IpKey.parse("2001:db8::9");
        HttpHit h = new HttpHit(
                "access.log",
                Instant.parse("2026-11-22T03:00:00Z"),
                ip,
                ip,
                "GET",
                "/" + "x".repeat(60_000),
                "HTTP/1.1",
                414,
                0,
                "r".repeat(5_000),
                "u".repeat(70_000),
                "",
                false);
        HitRing ring = new HitRing(2);
        ring.add(h);
        assertThat(ring.toList(ip.toString())).containsExactly(Evidence.of(h));
        assertThat(Evidence.kept(h.target())).hasSize(301);
        assertThat(Evidence.kept("short")).isEqualTo("short");

        RequestView kept = RequestView.of(h);
        assertThat(kept.target())
                .hasSize(RequestView.MAX_TEXT + 1)
                .endsWith("x…")
                .startsWith("/xxx");
        assertThat(kept.userAgent()).hasSize(RequestView.MAX_TEXT + 1);
        assertThat(kept.method()).isEqualTo("GET");
        Object[] refs = new Object[RecentRequests.REFS];
        long[] nums = new long[RecentRequests.NUMS];
        RecentRequests.store(refs, nums, 0, h);
        assertThat(new RecentRequests(refs, nums, null, null, h.source(), 0, 1, 1))
                .containsExactly(kept);
    }
}
