package dev.nethergaze.source.httplog;

import static dev.nethergaze.source.httplog.Hits.hit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request no HTTP/1.x client sends is scanner junk: a hit (address, status and size kept, as nginx
 * and Apache answered it) flagged {@code malformedRequest}, whatever format logged it. Lines as nginx
 * 1.22 and Apache 2.4 wrote them on loopback for raw requests: a control byte in the target (nginx
 * answers 400 and logs it {@code \x00}, {@code \x01}; Apache {@code \x01}, and cuts at a NUL), a raw
 * space in it (400 from both) and an HTTP/0.9 request line, {@code GET /} with no protocol (both
 * servers answer it). They were hits like any other.
 */
class MalformedRequestTest {

    private static final String HEAD = "127.0.0.1 - - [07/Dec/2026:11:11:33 +0000] ";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                // nginx
                "'\"GET /nul\\x00x HTTP/1.1\" 400 157 \"-\" \"-\"' | GET | /nul\\x00x | HTTP/1.1 | 400 | true",
                "'\"GET /ctl\\x01x HTTP/1.1\" 400 157 \"-\" \"-\"' | GET | /ctl\\x01x | HTTP/1.1 | 400 | true",
                "'\"GET /del\\x7Fx HTTP/1.1\" 400 157 \"-\" \"-\"' | GET | /del\\x7Fx | HTTP/1.1 | 400 | true",
                "'\"GET /\" 200 3 \"-\" \"-\"' | GET | / | '' | 200 | true",
                "'\"GET /sp ace HTTP/1.1\" 400 157 \"-\" \"-\"' | GET | /sp ace | HTTP/1.1 | 400 | true",
                // Apache
                "'\"GET /ctl\\x01x HTTP/1.1\" 400 448 \"-\" \"-\"' | GET | /ctl\\x01x | HTTP/1.1 | 400 | true",
                "'\"GET /nul\" 400 448 \"-\" \"-\"' | GET | /nul | '' | 400 | true",
                // near misses: escaped printable bytes and bytes of 0x80 and up are no control bytes
                "'\"GET /%ff\\xFF\\xFE HTTP/1.1\" 404 153 \"-\" \"-\"' | GET | /%ff\\xFF\\xFE | HTTP/1.1 | 404 | false",
                "'\"GET /s=\\x5Cthink\\x22 HTTP/1.1\" 404 153 \"-\" \"-\"' | GET | /s=\\think\" | HTTP/1.1 | 404 | false",
                "'\"GET /caf\\xC3\\xA9 HTTP/1.1\" 200 3 \"-\" \"-\"' | GET | /caf\\xC3\\xA9 | HTTP/1.1 | 200 | false",
                "'\"GET /x\\\\y HTTP/1.1\" 200 3 \"-\" \"-\"' | GET | /x\\y | HTTP/1.1 | 200 | false",
                "'\"GET / HTTP/1.0\" 200 3 \"-\" \"-\"' | GET | / | HTTP/1.0 | 200 | false",
            })
    void controlBytesAndNoProtocolAreMalformedRequests(
            String rest, String method, String target, String protocol, int status, boolean malformed) {
        for (AccessFormat f : List.of(AccessFormat.AUTO, AccessFormat.parse("combined"))) {
            HttpHit h = hit(f, HEAD + rest);
            assertThat(List.of(h.method(), h.target(), h.protocol())).containsExactly(method, target, protocol);
            assertThat(h.status()).isEqualTo(status);
            assertThat(h.malformedRequest()).as(rest).isEqualTo(malformed);
        }
    }

    @Test
    void aLongTargetWithAControlByteIsMalformedToo() {
        String path = "/" + "a".repeat(400) + "\\x00";
        HttpHit h = hit(AccessFormat.AUTO, HEAD + "\"GET " + path + " HTTP/1.1\" 400 157 \"-\" \"-\"");
        assertThat(h.target()).isEqualTo(path);
        assertThat(h.malformedRequest()).isTrue();
    }

    @Test
    void theSameRequestsInNginxJsonAreMalformedToo() {
        String head = "{\"time\":\"2026-12-07T11:11:33+00:00\",\"remote_addr\":\"127.0.0.1\",\"status\":\"400\",";
        assertThat(hit(AccessFormat.AUTO, head + "\"request\":\"GET /nul\\u0000x HTTP/1.1\"}")
                        .malformedRequest())
                .isTrue();
        assertThat(hit(AccessFormat.AUTO, head + "\"request\":\"GET /\"}").malformedRequest())
                .isTrue();
        assertThat(hit(
                                AccessFormat.AUTO,
                                head + "\"request_method\":\"GET\",\"request_uri\":\"/ctl\\u0001x\","
                                        + "\"server_protocol\":\"HTTP/1.1\"}")
                        .malformedRequest())
                .isTrue();
        // nginx logs an HTTP/0.9 request's $server_protocol empty
        assertThat(hit(
                                AccessFormat.AUTO,
                                head + "\"request_method\":\"GET\",\"request_uri\":\"/\","
                                        + "\"server_protocol\":\"\"}")
                        .malformedRequest())
                .isTrue();
        assertThat(hit(
                                AccessFormat.AUTO,
                                head + "\"request_method\":\"GET\",\"request_uri\":\"/\","
                                        + "\"server_protocol\":\"HTTP/1.1\"}")
                        .malformedRequest())
                .isFalse();
        assertThat(hit(AccessFormat.AUTO, head + "\"request\":\"GET /ok HTTP/2.0\"}")
                        .malformedRequest())
                .isFalse();
    }

    /** nginx 1.22 with {@code "$request_method $request_uri $server_protocol"}: HTTP/0.9 logs "GET / -". */
    @Test
    void anNginxFormatWithTheRequestInFieldsReadsTheSame() {
        AccessFormat f = AccessFormat.parse(
                "nginx:$remote_addr [$time_local] \"$request_method $request_uri $server_protocol\" $status $body_bytes_sent");
        String head = "127.0.0.1 [07/Dec/2026:11:15:04 +0000] ";
        HttpHit nine = hit(f, head + "\"GET / -\" 200 3");
        assertThat(List.of(nine.method(), nine.target(), nine.protocol())).containsExactly("GET", "/", "");
        assertThat(nine.malformedRequest()).isTrue();
        assertThat(hit(f, head + "\"GET /nul\\x00x HTTP/1.1\" 400 157").malformedRequest())
                .isTrue();
        assertThat(hit(f, head + "\"GET /ok HTTP/1.0\" 200 3").malformedRequest())
                .isFalse();
        assertThat(hit(f, head + "\"- - -\" 400 157").malformedRequest()).isTrue();
    }
}
