package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import java.nio.charset.StandardCharsets;

/** Reads one line as a format's parser does, from the middle of a larger array, and wants a hit. */
final class Hits {

    private Hits() {}

    static HttpHit hit(AccessFormat format, String line) {
        byte[] b = ("x" + line + "y").getBytes(StandardCharsets.UTF_8);
        ParseResult r = format.parser("t", ClientResolver.DIRECT).parse(b, 1, b.length - 2);
        assertThat(r).as(line).isInstanceOf(ParseResult.Hit.class);
        return ((ParseResult.Hit) r).hit();
    }
}
