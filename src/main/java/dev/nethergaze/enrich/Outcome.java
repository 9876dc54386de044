package dev.nethergaze.enrich;

import dev.nethergaze.model.WhoisInfo;

/** How one whois lookup ended: an answer, a failure (remembered briefly), or "ask again later". */
public sealed interface Outcome {

    record Answer(WhoisInfo info) implements Outcome {}

    record Failure(String reason) implements Outcome {}

    /** A server asked us to slow down; retry after {@code nanos}, without holding a slot meanwhile. */
    record Deferred(long nanos) implements Outcome {}
}
