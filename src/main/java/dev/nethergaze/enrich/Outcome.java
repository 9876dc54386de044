package dev.nethergaze.enrich;

import dev.nethergaze.model.WhoisInfo;

/** How one whois lookup ended: an answer, a failure (remembered briefly), or "ask again later". */
public sealed interface Outcome {

    /**
     * @param info what the registry says
     * @param note why another protocol answered than the one asked first, or null: "port-43 whois
     *     answered: RDAP 127.0.0.1 answered HTTP 429 (too many requests, Retry-After 3600 s)"
     */
    record Answer(WhoisInfo info, String note) implements Outcome {

        public Answer(WhoisInfo info) {
            this(info, null);
        }
    }

    record Failure(String reason) implements Outcome {}

    /**
     * A server asked us to slow down, or our own pacing of it holds the query back; retry after
     * {@code nanos}, without holding a slot meanwhile.
     *
     * @param why which server and what it said, in words: "RDAP 127.0.0.1 answered HTTP 429 (Retry-After 3600 s)"
     */
    record Deferred(long nanos, String why) implements Outcome {}
}
