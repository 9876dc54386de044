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

    /**
     * A bidirectional override in a target or user agent (a JSON access log carries it as sent) is
     * shown escaped: before, the evidence line read reversed from it on the reader's screen.
     */
    @Test
    void bidiAndZeroWidthCharactersAreMadeVisible() {
        HttpHit h = get(IpKey.parse("192.0.2.7"), "/admin\u202Etxt.exe", 404, "", "curl\u200B/8\uFEFF");
        assertThat(Evidence.of(h))
                .isEqualTo("2026-11-22T03:00:00Z 192.0.2.7 \"GET /admin\\u202etxt.exe HTTP/1.1\" 404 \"-\""
                        + " \"curl\\u200b/8\\ufeff\"");
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
        HttpHit h = get(ip, "/" + "x".repeat(60_000), 414, "r".repeat(5_000), "u".repeat(70_000));
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

    private static HttpHit get(IpKey ip, String target, int status, String referer, String agent) {
        return new HttpHit(
                "access.log",
                Instant.parse("2026-11-22T03:00:00Z"),
                ip,
                ip,
                "GET",
                target,
                "HTTP/1.1",
                status,
                0,
                referer,
                agent,
                "",
                false);
    }
}
