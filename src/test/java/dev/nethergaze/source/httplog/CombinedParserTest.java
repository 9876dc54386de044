package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.httplog.ParseResult.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CombinedParserTest {

    private final CombinedParser parser = new CombinedParser("http:test");

    private ParseResult parse(String line) {
        byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8); // parse a slice, not a whole array
        return parser.parse(b, 2, b.length - 4);
    }

    private HttpHit hit(String line) {
        ParseResult r = parse(line);
        assertThat(r).isInstanceOf(ParseResult.Hit.class);
        return ((ParseResult.Hit) r).hit();
    }

    private Reason malformed(String line) {
        ParseResult r = parse(line);
        assertThat(r).isInstanceOf(ParseResult.Malformed.class);
        return ((ParseResult.Malformed) r).reason();
    }

    @Test
    void combinedLine() {
        HttpHit h = hit("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326"
                + " \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"");
        assertThat(h.source()).isEqualTo("http:test");
        assertThat(h.time()).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(h.peer()).isEqualTo(IpKey.parse("127.0.0.1"));
        assertThat(h.client()).isEqualTo(h.peer());
        assertThat(h.method()).isEqualTo("GET");
        assertThat(h.target()).isEqualTo("/apache_pb.gif");
        assertThat(h.protocol()).isEqualTo("HTTP/1.0");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.bytes()).isEqualTo(2326);
        assertThat(h.referer()).isEqualTo("http://www.example.com/start.html");
        assertThat(h.userAgent()).isEqualTo("Mozilla/4.08 [en] (Win98; I ;Nav)");
        assertThat(h.vhost()).isEmpty();
        assertThat(h.malformedRequest()).isFalse();
    }

    @Test
    void commonLineHasNoRefererOrAgent() {
        HttpHit h = hit("10.1.2.3 - rehg [10/Nov/2021:19:22:12 -0000] \"GET /sematext.png HTTP/1.1\" 200 3423");
        assertThat(h.referer()).isEmpty();
        assertThat(h.userAgent()).isEmpty();
        assertThat(h.time()).isEqualTo(Instant.parse("2021-11-10T19:22:12Z"));
    }

    @Test
    void oneDigitDayAndPositiveZone() {
        assertThat(hit("127.0.0.1 - peter [9/Feb/2017:10:34:12 +0330] \"GET / HTTP/2\" 200 1")
                        .time())
                .isEqualTo(Instant.parse("2017-02-09T07:04:12Z"));
    }

    @Test
    void timeCacheDoesNotLeakBetweenDifferentStamps() {
        Instant a = hit("1.1.1.1 - - [29/Feb/2024:23:59:59 +0000] \"GET / HTTP/1.1\" 200 1")
                .time();
        Instant b = hit("1.1.1.1 - - [01/Mar/2024:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1")
                .time();
        assertThat(a).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(b).isEqualTo(a.plusSeconds(1));
        assertThat(malformed("1.1.1.1 - - [29/Feb/2023:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1"))
                .isEqualTo(Reason.BAD_TIME);
    }

    @Test
    void escapedQuotesInsideQuotedFields() {
        HttpHit h = hit("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET /q?a=\\\"x\\\" HTTP/1.1\" 404 0"
                + " \"-\" \"Mozilla \\\"quoted\\\" agent\" extra");
        assertThat(h.target()).isEqualTo("/q?a=\"x\"");
        assertThat(h.userAgent()).isEqualTo("Mozilla \"quoted\" agent");
        assertThat(h.referer()).isEmpty();
    }

    /**
     * nginx escapes a quote as \x22 and a backslash as \x5C (lines written by nginx 1.22 here): they read
     * as the JSON log of the same request does; a client's literal "\x41" (Apache: \\x41) stays text.
     */
    @Test
    void nginxHexEscapesOfPrintableCharactersAreUndone() {
        HttpHit h = hit("127.0.0.1 - - [04/Dec/2026:17:53:28 +0000] \"GET /a%20b?x=\\x22y\\x22&p=\\x5Cx41 HTTP/1.1\""
                + " 404 153 \"-\" \"Mozilla/5.0 \\x22quoted\\x22 agent\"");
        assertThat(h.target()).isEqualTo("/a%20b?x=\"y\"&p=\\x41");
        assertThat(h.userAgent()).isEqualTo("Mozilla/5.0 \"quoted\" agent");
        HttpHit apache = hit("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET /p=\\\\x41 HTTP/1.1\" 404 0 \"-\" \"-\"");
        assertThat(apache.target()).isEqualTo("/p=\\x41");
        HttpHit bad = hit("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET /\\xZZ\\x7 HTTP/1.1\" 404 0 \"-\" \"-\"");
        assertThat(bad.target()).as("not an escape: kept").isEqualTo("/\\xZZ\\x7");
    }

    @Test
    void tlsBytesAreAMalformedRequestHit() {
        HttpHit h = hit("1.2.3.4 - - [29/Jul/2023:10:26:07 -0700] \"\\x16\\x03\\x01\\x00t\\x01\" 400 157 \"-\" \"-\"");
        assertThat(h.malformedRequest()).isTrue();
        assertThat(h.method()).isEmpty();
        assertThat(h.target()).isEqualTo("\\x16\\x03\\x01\\x00t\\x01");
        assertThat(h.status()).isEqualTo(400);
    }

    @Test
    void dashRequestAndDashNumbers() {
        HttpHit h = hit("1.2.3.4 - - [29/Jul/2023:10:26:07 -0700] \"-\" - - \"-\" \"-\"");
        assertThat(h.malformedRequest()).isTrue();
        assertThat(h.target()).isEmpty();
        assertThat(h.status()).isEqualTo(-1);
        assertThat(h.bytes()).isZero();
    }

    @Test
    void requestWithoutMethodOrTargetIsMalformed() {
        assertThat(hit("1.2.3.4 - - [29/Jul/2023:10:26:07 -0700] \"HELP\" 400 157")
                        .malformedRequest())
                .isTrue();
        assertThat(hit("1.2.3.4 - - [29/Jul/2023:10:26:07 -0700] \"batman\" 400 157")
                        .malformedRequest())
                .isTrue();
    }

    @Test
    void targetWithSpacesAndMissingProtocol() {
        HttpHit a = hit("127.0.0.1 - - [11/Nov/2016:14:23:37 +0100] \"GET /uno dos HTTP/1.0\" 404 298 \"-\" \"-\" - 1");
        assertThat(a.target()).isEqualTo("/uno dos");
        assertThat(a.protocol()).isEqualTo("HTTP/1.0");
        // a raw space in a target, or no protocol (HTTP/0.9): no HTTP/1.x client sends it, a scanner's
        assertThat(a.malformedRequest()).isTrue();
        HttpHit b = hit("127.0.0.1 - - [11/Nov/2016:14:24:21 +0100] \"GET /uno dos\" 404 298");
        assertThat(b.target()).isEqualTo("/uno dos");
        assertThat(b.protocol()).isEmpty();
        assertThat(b.malformedRequest()).isTrue();
    }

    @Test
    void ipv6HostsPlainBracketedAndV4Mapped() {
        String rest = " - - [29/Oct/2015:06:47:36 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"";
        assertThat(hit("2001:41d0:8:f69::1" + rest).client()).isEqualTo(IpKey.parse("2001:41d0:8:f69::1"));
        assertThat(hit("[2001:db8::1]" + rest).client()).isEqualTo(IpKey.parse("2001:db8::1"));
        HttpHit mapped = hit("::ffff:192.0.2.7" + rest);
        assertThat(mapped.client()).isEqualTo(IpKey.parse("192.0.2.7"));
        assertThat(mapped.client().isV4()).isTrue();
        assertThat(hit("[2001:db8::1]:443" + rest).client()).isEqualTo(IpKey.parse("2001:db8::1"));
        assertThat(hit("[::ffff:192.0.2.7]:51234" + rest).client()).isEqualTo(IpKey.parse("192.0.2.7"));
        assertThat(hit("192.0.2.7:51234" + rest).client()).isEqualTo(IpKey.parse("192.0.2.7"));
        assertThat(parse("host.example:80" + rest)).isInstanceOf(ParseResult.UnresolvedHost.class);
        // an address with a port that is none: not a host name, a client field we cannot read
        assertThat(parse("[2001:db8::1]:443x" + rest)).isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void virtualHostPrefix() {
        HttpHit h = hit("website.com:443 1.2.3.4 - - [25/Oct/2021:11:05:52 +0200] \"GET /x HTTP/1.1\" 403 6963"
                + " \"abc.com\" \"ua\"");
        assertThat(h.vhost()).isEqualTo("website.com"); // the site, without its port (VhostSiteTest)
        assertThat(h.client()).isEqualTo(IpKey.parse("1.2.3.4"));
    }

    /**
     * nginx and Apache log the Basic-auth user a client sends as it is, spaces and all: such a line is
     * still the client's request, not a vhost_combined line whose client is "-" (which dropped every
     * request of a scanner that sent one as a host name not used).
     */
    @Test
    void aUserNameWithSpacesIsTheClientsRequest() {
        HttpHit h = hit("203.0.113.77 - admin user [06/Dec/2026:10:00:00 +0000] \"GET /.env HTTP/1.1\" 401 179"
                + " \"-\" \"Mozilla/5.0\"");
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.77"));
        assertThat(h.target()).isEqualTo("/.env");
        assertThat(h.vhost()).isEmpty();
        assertThat(hit("203.0.113.78 - a b c d [06/Dec/2026:10:00:00 +0000] \"GET /x HTTP/1.1\" 401 1")
                        .client())
                .isEqualTo(IpKey.parse("203.0.113.78"));
        HttpHit v = hit("site.example:443 2001:db8::5 - a b [06/Dec/2026:10:00:00 +0000] \"GET /y HTTP/1.1\" 200 1");
        assertThat(v.client()).isEqualTo(IpKey.parse("2001:db8::5"));
        assertThat(v.vhost()).isEqualTo("site.example");
        assertThat(parse("crawl.example - a b [06/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1"))
                .isInstanceOf(ParseResult.UnresolvedHost.class)
                .extracting(r -> ((ParseResult.UnresolvedHost) r).host())
                .isEqualTo("crawl.example");
        // neither shape (docker compose's prefix): unparsed, as before, not a host name "|"
        assertThat(malformed("web-1 | 203.0.113.5 - - [06/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1"))
                .isEqualTo(Reason.NO_PREFIX);
    }

    /**
     * A Basic-auth user name is the client's to choose, spaces and brackets and all: one that holds a
     * time of its own ({@code x [01/Jan/2020:00:00:00 +0000]}) is a word of the name, and the line's time
     * is the one the request follows. Before, the name's time was taken for the line's and the line was
     * unparsed: a scanner could hide its probes from every rule that way.
     */
    @Test
    void aTimeInsideTheUserNameIsNotTheLinesTime() {
        HttpHit h = hit("203.0.113.80 - x [01/Jan/2020:00:00:00 +0000] [06/Dec/2026:10:00:00 +0000] \"GET /.env"
                + " HTTP/1.1\" 401 179 \"-\" \"ua\"");
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.80"));
        assertThat(h.time()).isEqualTo(Instant.parse("2026-12-06T10:00:00Z"));
        assertThat(h.target()).isEqualTo("/.env");
        HttpHit v = hit("site.example:443 203.0.113.81 - [01/Jan/2020:00:00:00 +0000] [06/Dec/2026:10:00:01 +0000]"
                + " \"GET /wp-login.php HTTP/1.1\" 404 1");
        assertThat(v.client()).isEqualTo(IpKey.parse("203.0.113.81"));
        assertThat(v.time()).isEqualTo(Instant.parse("2026-12-06T10:00:01Z"));
        // a time with no request after it at all is still a bad request field, not a missing prefix
        assertThat(malformed("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] GET / 200 1"))
                .isEqualTo(Reason.BAD_REQUEST_FIELD);
    }

    /**
     * After a crash, the log ends in NULs (blocks allocated, never written) and the server's next line
     * follows them on the same line: that line is read; NULs alone are still malformed.
     */
    @Test
    void aLineAfterACrashsNulsIsRead() {
        HttpHit h = hit(
                "\u0000\u0000\u0000\u0000203.0.113.90 - - [06/Dec/2026:10:00:00 +0000] \"GET /after HTTP/1.1\" 200 1");
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.90"));
        assertThat(h.target()).isEqualTo("/after");
        assertThat(malformed("\u0000\u0000\u0000\u0000")).isEqualTo(Reason.EMPTY);
    }

    @Test
    void hostNameIsUnresolvedNotMalformed() {
        ParseResult r =
                parse("unicomp6.unicomp.net - - [01/Jul/1995:00:00:06 -0400] \"GET /shuttle/ HTTP/1.0\" 200 3985");
        assertThat(r)
                .isEqualTo(new ParseResult.UnresolvedHost(
                        "unicomp6.unicomp.net", Instant.parse("1995-07-01T04:00:06Z"), 200));
    }

    @Test
    void malformedLinesSayWhy() {
        assertThat(malformed("")).isEqualTo(Reason.EMPTY);
        assertThat(malformed("   ")).isEqualTo(Reason.EMPTY);
        assertThat(malformed("unparsable line")).isEqualTo(Reason.NO_PREFIX);
        assertThat(malformed("192.168.202.254 [20/Jul/2009:22:59:29 +0000] \"GET / HTTP/1.0\" 404 1"))
                .isEqualTo(Reason.NO_PREFIX);
        assertThat(malformed("[Thu Oct 13 12:24:49.880562 2022] [auth_basic:error] [pid 10] [client 1.2.3.4:1] x"))
                .isEqualTo(Reason.NO_PREFIX);
        assertThat(malformed("1.2.3.4 - - [10/Oct/2000 13:55:36] \"GET / HTTP/1.1\" 200 1"))
                .isEqualTo(Reason.BAD_TIME);
        assertThat(malformed("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1 200 1"))
                .isEqualTo(Reason.BAD_REQUEST_FIELD);
        assertThat(malformed("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" OK 1"))
                .isEqualTo(Reason.BAD_STATUS);
        assertThat(malformed("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 x"))
                .isEqualTo(Reason.BAD_BYTES);
        assertThat(malformed("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200"))
                .isEqualTo(Reason.BAD_BYTES);
    }

    @Test
    void repeatedValuesShareStrings() {
        String line = "1.1.1.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1 \"-\" \"curl/8\"";
        HttpHit a = hit(line);
        HttpHit b = hit(line);
        assertThat(b.userAgent()).isSameAs(a.userAgent());
        assertThat(b.time()).isSameAs(a.time());
    }
}
