package dev.nethergaze.enrich;

import dev.nethergaze.model.WhoisInfo;

/** How one whois lookup ended: an answer, a failure (remembered briefly), or "ask again later". */
public sealed interface Outcome {

    record Answer(WhoisInfo info) implements Outcome {}

    record Failure(String reason) implements Outcome {}

    /**
     * A server asked us to slow down, or our own pacing of it holds the query back; retry after
     * {@code nanos}, without holding a slot meanwhile.
     *
     * @param why which server and what it said, in words: "RDAP 127.0.0.1 answered HTTP 429 (Retry-After 3600 s)"
     */
    record Deferred(long nanos, String why) implements Outcome {}
}
