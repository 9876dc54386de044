package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.TestData;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.tail.LineReader;
import dev.nethergaze.source.tail.TailConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Apache {@code LogFormat} strings: Apache's own stock formats read the real logs under
 * ../shared/testdata exactly as the built-in parser does, and custom ones (other directives, other
 * orders, strftime and epoch times, mod_remoteip's two addresses) read what they say.
 */
class ApacheLogFormatTest {

    private static final String COMBINED = "%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-Agent}i\\\"";
    private static final String COMMON = "%h %l %u %t \\\"%r\\\" %>s %b";

    private static ParseResult parse(AccessLineParser p, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return p.parse(b, 0, b.length);
    }

    private static HttpHit hit(AccessLineParser p, String line) {
        ParseResult r = parse(p, line);
        assertThat(r).as(line).isInstanceOf(ParseResult.Hit.class);
        return ((ParseResult.Hit) r).hit();
    }

    private static AccessLineParser apache(String format) {
        return AccessFormat.parse("apache:" + format).parser("t", ClientResolver.DIRECT);
    }

    /** Each line of a file with what the two parsers made of it. */
    private record Both(String line, ParseResult ours, ParseResult preset) {}

    private static List<Both> both(Path file, AccessLineParser ours, AccessLineParser preset)
            throws InterruptedException {
        List<Both> out = new ArrayList<>();
        LineReader.read(
                file,
                0,
                -1,
                TailConfig.DEFAULT_MAX_LINE,
                (f, n, b, off, len, cut) -> out.add(new Both(
                        new String(b, off, len, StandardCharsets.UTF_8),
                        ours.parse(b, off, len),
                        preset.parse(b, off, len))));
        return out;
    }

    /** What both formats write: the preset reads referer and agent after them, the common format ignores them. */
    private static void sameRequest(HttpHit a, HttpHit b) {
        assertThat(List.of(a.time(), a.peer(), a.client(), a.method(), a.target(), a.protocol(), a.status(), a.bytes()))
                .isEqualTo(List.of(
                        b.time(), b.peer(), b.client(), b.method(), b.target(), b.protocol(), b.status(), b.bytes()));
    }

    @ParameterizedTest
    @CsvSource({ // every line, but of the crowdsec sample (ORACLES.md) its 4 combined lines without a vhost first
        "accesslog/combined/drill_hackers-access_basjes.log, 3456",
        "accesslog/combined/crowdsec_apache2-logs.log, 4",
        "accesslog/combined/crowdsec_nginx-http-sqli-probing.log, 16",
        "accesslog/combined-extended/lnav_shop_access_log.log, 1000"
    })
    void apachesCombinedFormatReadsRealLogsAsThePresetDoes(String file, int expected) throws InterruptedException {
        List<Both> lines = both(
                TestData.path(file),
                apache(COMBINED),
                AccessFormat.parse("combined").parser("t", ClientResolver.DIRECT));
        int hits = 0;
        for (Both l : lines) {
            if (l.ours() instanceof ParseResult.Hit ours) {
                hits++;
                assertThat(l.preset()).as(l.line()).isInstanceOf(ParseResult.Hit.class);
                HttpHit a = ours.hit();
                HttpHit b = ((ParseResult.Hit) l.preset()).hit();
                sameRequest(a, b);
                assertThat(List.of(a.referer(), a.userAgent(), a.malformedRequest()))
                        .as(l.line())
                        .isEqualTo(List.of(b.referer(), b.userAgent(), b.malformedRequest()));
            } else if (l.preset() instanceof ParseResult.Hit preset) {
                HttpHit b = preset.hit();
                assertThat(b.userAgent().isEmpty() || !b.vhost().isEmpty())
                        .as("only lines without the combined fields, or with a vhost before them, differ: " + l.line())
                        .isTrue();
            }
        }
        assertThat(hits).isEqualTo(expected);
    }

    @Test
    void apachesCommonFormatReadsTheOraclesCounts() throws InterruptedException {
        // ORACLES.md: 300 NASA lines, all common format; crowdsec_apache2-logs.log: 7 of 9 lines CLF/combined
        for (var c : List.of(
                new Object[] {"accesslog/common/nasa_ksc_jul95_lines1-300.log", 300},
                new Object[] {"accesslog/combined/crowdsec_apache2-logs.log", 7})) {
            List<Both> lines = both(
                    TestData.path((String) c[0]),
                    apache(COMMON),
                    AccessFormat.parse("common").parser("t", ClientResolver.DIRECT));
            long hits = lines.stream()
                    .filter(l -> l.ours() instanceof ParseResult.Hit || l.ours() instanceof ParseResult.UnresolvedHost)
                    .count();
            assertThat(hits).as((String) c[0]).isEqualTo((int) c[1]);
            for (Both l : lines) {
                if (l.ours() instanceof ParseResult.Hit ours) {
                    sameRequest(ours.hit(), ((ParseResult.Hit) l.preset()).hit());
                }
            }
        }
    }

    @Test
    void aCustomFormatInAnotherOrderWithOtherDirectives() {
        AccessLineParser p = apache(
                "%a %{Host}i %t \"%r\" %>s %B %D \"%{User-Agent}i\" \"%!200,304{Referer}i\" %{X-Request-Id}i 100%%");
        HttpHit h = hit(
                p,
                "2001:db8::7 shop.example [10/Oct/2025:13:55:36 +0200] \"POST /wp-login.php HTTP/1.1\" 401 0 1543"
                        + " \"curl/8.5 \\\"q\\\"\" \"-\" 5f0c 100%");
        assertThat(h.client()).isEqualTo(IpKey.parse("2001:db8::7"));
        assertThat(h.vhost()).isEqualTo("shop.example");
        assertThat(h.time()).isEqualTo(Instant.parse("2025-10-10T11:55:36Z"));
        assertThat(List.of(h.method(), h.target(), h.protocol())).containsExactly("POST", "/wp-login.php", "HTTP/1.1");
        assertThat(h.status()).isEqualTo(401);
        assertThat(h.bytes()).isZero();
        assertThat(h.userAgent()).isEqualTo("curl/8.5 \"q\"");
        assertThat(h.referer()).isEmpty();
        assertThat(parse(p, "2001:db8::7 shop.example [10/Oct/2025:13:55:36 +0200] \"GET / HTTP/1.1\" 200"))
                .as("cut short")
                .isInstanceOf(ParseResult.Malformed.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "%{%Y-%m-%dT%H:%M:%S%z}t %h \"%r\" %>s %O | 2025-10-10T13:55:36+0200 | 2025-10-10T11:55:36Z",
                "%{%Y-%m-%dT%H:%M:%S%z}t %h \"%r\" %>s %O | 2025-10-10T11:55:36Z | 2025-10-10T11:55:36Z",
                "%{begin:%F %T}t %h \"%r\" %>s %O | 2025-10-10 13:55:36 | 2025-10-10T10:55:36Z",
                "[%{%d/%b/%Y:%H:%M:%S}t.%{msec_frac}t %{%z}t] %h \"%r\" %>s %O | [10/Oct/2025:13:55:36.250 +0300]"
                        + " | 2025-10-10T10:55:36Z",
                "%{%a %b %e %H:%M:%S %Y}t %h \"%r\" %>s %O | Fri Oct  3 13:55:36 2025 | 2025-10-03T10:55:36Z",
                "%{sec}t %h \"%r\" %>s %O | 1760097336 | 2025-10-10T11:55:36Z",
                "%{msec}t %h \"%r\" %>s %O | 1760097336250 | 2025-10-10T11:55:36.250Z",
                "%{end:usec}t %h \"%r\" %>s %O | 1760097336250001 | 2025-10-10T11:55:36.250001Z",
            })
    void timesInTheirOwnForms(String format, String written, String expected) {
        // a time without its zone is the server's local time: here UTC+3
        AccessLineParser p = ApacheLogFormat.compile(format, "t", ClientResolver.DIRECT, ZoneOffset.ofHours(3));
        HttpHit h = hit(p, written + " 192.0.2.9 \"GET /x HTTP/1.1\" 200 12");
        assertThat(h.time()).isEqualTo(Instant.parse(expected));
        assertThat(h.client()).isEqualTo(IpKey.parse("192.0.2.9"));
        assertThat(parse(p, "yesterday 192.0.2.9 \"GET /x HTTP/1.1\" 200 12"))
                .isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void aVhostWithItsPortIsOneVhostAsThePresetReadsIt() { // its site, without the port, as every format's
        String line =
                "shop.example:443 203.0.113.7 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"x\"";
        HttpHit custom = hit(apache("%v:%p %h %l %u %t \"%r\" %>s %B \"%{Referer}i\" \"%{User-Agent}i\""), line);
        HttpHit preset = hit(AccessFormat.parse("vhost_combined").parser("t", ClientResolver.DIRECT), line);
        assertThat(custom.vhost()).isEqualTo("shop.example").isEqualTo(preset.vhost());
    }

    @Test
    void modRemoteipsClientIsBelievedOnlyFromATrustedProxy() {
        String f = "%{c}a %a %t \"%r\" %>s %b";
        String line = "10.0.0.5 203.0.113.77 [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 3";
        ClientResolver trusting = new ClientResolver(TrustedProxies.parse(List.of("10.0.0.0/8")));
        HttpHit viaProxy = hit(AccessFormat.parse("apache:" + f).parser("t", trusting), line);
        assertThat(viaProxy.peer()).isEqualTo(IpKey.parse("10.0.0.5"));
        assertThat(viaProxy.client()).isEqualTo(IpKey.parse("203.0.113.77"));
        HttpHit untrusted = hit(apache(f), line);
        assertThat(untrusted.client()).as("the peer is no trusted proxy").isEqualTo(IpKey.parse("10.0.0.5"));
        assertThat(hit(
                                apache("%a %t \"%r\" %>s %b"),
                                "203.0.113.77 [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 3")
                        .peer())
                .as("%a alone is the client")
                .isEqualTo(IpKey.parse("203.0.113.77"));
    }

    @Test
    void besideModRemoteipsClientTheForwardedHeaderItLeftIsNotReadWhereverItStands() {
        ClientResolver trusting = new ClientResolver(TrustedProxies.parse(List.of("10.0.0.0/8")));
        String after = "%{c}a %a %t \"%r\" %>s %b \"%{X-Forwarded-For}i\"";
        String before = "%{c}a \"%{X-Forwarded-For}i\" %a %t \"%r\" %>s %b";
        // mod_remoteip took the proxy's hop off the header: what the client itself sent is left
        HttpHit a = hit(
                AccessFormat.parse("apache:" + after).parser("t", trusting),
                "10.0.0.5 203.0.113.77 [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 3 \"198.51.100.9\"");
        HttpHit b = hit(
                AccessFormat.parse("apache:" + before).parser("t", trusting),
                "10.0.0.5 \"198.51.100.9\" 203.0.113.77 [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 3");
        assertThat(List.of(a.client(), b.client())).containsOnly(IpKey.parse("203.0.113.77"));
        assertThat(b.peer()).isEqualTo(IpKey.parse("10.0.0.5"));
        HttpHit plain = hit(
                AccessFormat.parse("apache:%h %t \"%r\" %>s %b \"%{X-Forwarded-For}i\"")
                        .parser("t", trusting),
                "10.0.0.5 [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 3 \"198.51.100.9\"");
        assertThat(plain.client())
                .as("no mod_remoteip: the header is the client's")
                .isEqualTo(IpKey.parse("198.51.100.9"));
    }

    @Test
    void aFormatPastedFromTheConfigurationWithItsQuotesAndEscapes() {
        AccessFormat f = AccessFormat.parse("apache: \"%h %l %u %t \\\"%r\\\" %>s %b\\t%{User-Agent}i\" ");
        assertThat(f.toString()).isEqualTo("apache:\"%h %l %u %t \\\"%r\\\" %>s %b\\t%{User-Agent}i\"");
        HttpHit h = hit(
                f.parser("t", ClientResolver.DIRECT),
                "192.0.2.1 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 -\tcurl/8");
        assertThat(h.bytes()).isZero();
        assertThat(h.userAgent()).isEqualTo("curl/8");
        assertThat(ApacheLogFormat.unescape("\"%r\" %h %t \"%{User-Agent}i\""))
                .as("quotes of the format itself stay")
                .isEqualTo("\"%r\" %h %t \"%{User-Agent}i\"");
    }

    /**
     * mod_ssl's directives ({@code %{SSL_PROTOCOL}x}, {@code %{errcode}c}) are matched and skipped, as
     * in RHEL's stock ssl.conf: {@code CustomLog logs/ssl_request_log "%t %h %{SSL_PROTOCOL}x
     * %{SSL_CIPHER}x \"%r\" %b"}.
     */
    @Test
    void modSslsDirectivesAreMatchedAndSkipped() {
        HttpHit h = hit(
                apache("%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x \"%r\" %b %{errcode}c"),
                "[10/Oct/2025:13:55:36 +0000] 203.0.113.5 TLSv1.3 TLS_AES_256_GCM_SHA384 \"GET /s?x=1 HTTP/1.1\" 512 -");
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.5"));
        assertThat(List.of(h.method(), h.target(), h.bytes() + "")).containsExactly("GET", "/s?x=1", "512");
    }

    @Test
    void aFormatNethergazeCannotReadIsRefusedWithTheReason() {
        Stream.of(
                        new String[] {"%l %u %t \"%r\" %>s %b", "needs the client (%h or %a)"},
                        new String[] {"%h \"%r\" %>s %b", "and a time"},
                        new String[] {"%h %t %J", "%J is not a LogFormat directive"},
                        new String[] {"%h %{%j}t \"%r\"", "%j cannot be read back"},
                        new String[] {"%h %{%H:%M}t \"%r\"", "needs a year, a month, a day and an hour"},
                        new String[] {"%h %t %{Referer", "unclosed %{"},
                        new String[] {"%h %t %>", "cut off"})
                .forEach(c -> assertThatThrownBy(() -> AccessFormat.parse("apache:" + c[0]))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(c[1]));
    }
}
