package dev.nethergaze.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nethergaze.model.IsoTime;
import dev.nethergaze.model.RequestView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@code last_requests[]} encoded without the generator must be the bytes Jackson's generator writes
 * for the same requests: every escape, every non-ASCII form, every number and time form.
 */
class RequestBytesTest {

    private static final Instant T = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void theSameBytesAsJacksonForAwkwardValues() throws IOException {
        List<String> awkward = List.of(
                "",
                "/plain?a=1&b=2",
                "/q\"uote\\back",
                "/ctl\u0000\u0001\u001f\n\r\t\b\f",
                "/del\u007f",
                "/latin-\u00e9\u00ff",
                "/wide-\u0141\u4e2d",
                "/emoji-\ud83d\ude00",
                "\u0016\u0003\u0001\u0000\u00a5",
                "</script><script>alert(1)</script>",
                "x".repeat(5000));
        List<RequestView> requests = new ArrayList<>();
        for (int i = 0; i < awkward.size(); i++) {
            String s = awkward.get(i);
            requests.add(new RequestView(
                    T.plusSeconds(86_400L * i * 40),
                    i % 2 == 0 ? "GET" : s,
                    s,
                    i * 100,
                    i % 3 == 0 ? -1 : Long.MAX_VALUE - i,
                    s,
                    i % 2 == 1,
                    i % 4 == 0 ? null : s,
                    i % 5 == 0 ? null : "/var/log/nginx/" + s));
        }
        // times the ISO writer leaves to Instant.toString: fractions, before 1970, after 9999
        requests.add(new RequestView(T.plusNanos(123_456_789), "GET", "/", 200, 0, "", false, "", "a.log"));
        requests.add(
                new RequestView(Instant.parse("1969-12-31T23:59:59Z"), "GET", "/", 200, 0, "", false, "", "a.log"));
        requests.add(new RequestView(
                Instant.parse("+10000-01-01T00:00:00Z"), "GET", "/", 200, Long.MIN_VALUE, "", false, "", "a.log"));
        assertSameAsJackson(requests);
        assertSameAsJackson(List.of());
    }

    @Property
    void theSameBytesAsJacksonForAnyText(
            @ForAll String target, @ForAll String agent, @ForAll long bytes, @ForAll int status) throws IOException {
        // text decoded from a log has no lone surrogates (bad bytes become U+FFFD): neither writer takes them
        net.jqwik.api.Assume.that(wellFormed(target) && wellFormed(agent));
        assertSameAsJackson(List.of(new RequestView(T, "POST", target, status, bytes, agent, false, agent, target)));
    }

    @Test
    void aBatchKeepsItsDateMemoryAcrossIpsAndDaysRight() throws IOException {
        RequestBytes batch = new RequestBytes(); // one per batch of IPs: each IP's list encoded in turn
        for (int ip = 0; ip < 50; ip++) {
            List<RequestView> requests = new ArrayList<>();
            for (int r = 0; r < 7; r++) {
                requests.add(new RequestView(
                        T.plusSeconds(ip * 50_000L + r * 13_000L), "GET", "/" + r, 200, r, "ua", false, "", "a.log"));
            }
            byte[] encoded = batch.encode(requests);
            assertThat(Arrays.copyOf(encoded, batch.length())).isEqualTo(jackson(requests));
        }
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void assertSameAsJackson(List<RequestView> requests) throws IOException {
        RequestBytes b = new RequestBytes();
        byte[] ours = Arrays.copyOf(b.encode(requests), b.length());
        byte[] theirs = jackson(requests);
        int at = Arrays.mismatch(ours, theirs);
        if (at >= 0) { // where they part, not two long documents
            int from = Math.max(0, at - 60);
            throw new AssertionError("differs at byte " + at + ": ours …"
                    + new String(
                            ours, from, Math.min(ours.length, at + 40) - from, java.nio.charset.StandardCharsets.UTF_8)
                    + "… theirs …"
                    + new String(
                            theirs,
                            from,
                            Math.min(theirs.length, at + 40) - from,
                            java.nio.charset.StandardCharsets.UTF_8)
                    + "…");
        }
    }

    /** What the generator writes, field by field, as the report wrote them before. */
    private static byte[] jackson(List<RequestView> requests) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (RequestView r : requests) {
                g.writeStartObject();
                g.writeStringField("time", IsoTime.text(r.time()));
                g.writeStringField("method", r.method());
                g.writeStringField("target", r.target());
                g.writeStringField("vhost", r.vhost() == null ? "" : r.vhost());
                g.writeStringField("source", r.source() == null ? "" : r.source());
                if (r.status() < 0) { // the log's "-": no status (null, not -1)
                    g.writeNullField("status");
                } else {
                    g.writeNumberField("status", r.status());
                }
                g.writeNumberField("bytes", r.bytes());
                g.writeStringField("user_agent", r.userAgent());
                g.writeBooleanField("malformed", r.malformed());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out.toByteArray();
    }
}
