package dev.nethergaze.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * The fleet's JetStream stream, through JetStream's JSON API (requests on {@code $JS.API.>}): a
 * stream {@value #STREAM} on {@code nethergaze.*.snapshot} that keeps the last document of each host
 * (one message per subject) for {@link #MAX_AGE}. With it, {@code fleet} answers at once with every
 * host's last state, and a host that stopped publishing still shows, with the age of its last word,
 * instead of vanishing. The stream is made by the first publisher that finds none; an existing one is
 * left as its operator configured it.
 */
public final class JetStream {

    public static final String STREAM = "NETHERGAZE";
    /** How long a silent host's last document is kept. */
    public static final Duration MAX_AGE = Duration.ofDays(7);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** JetStream's error code for "stream not found". */
    private static final int STREAM_NOT_FOUND = 10059;

    private JetStream() {}

    /** A stored document: its subject, JSON text and when the server received it (null if it did not say). */
    public record Stored(String subject, String json, java.time.Instant received) {}

    /**
     * Makes the stream unless it exists; true when it was made (by this call, or, in a race, by
     * another publisher with the same configuration at the same moment: the server accepts both). Throws with JetStream's own
     * description when the server refuses (e.g. no JetStream for this account).
     */
    public static boolean ensureStream(NatsConnection c) throws IOException, InterruptedException {
        JsonNode info = call(c, "$JS.API.STREAM.INFO." + STREAM, "");
        if (!info.has("error")) {
            return false;
        }
        if (info.at("/error/err_code").asInt() != STREAM_NOT_FOUND) {
            throw new IOException("JetStream: " + info.at("/error/description").asText());
        }
        ObjectNode config = JSON.createObjectNode()
                .put("name", STREAM)
                .put("retention", "limits")
                .put("max_msgs_per_subject", 1)
                .put("max_age", MAX_AGE.toNanos())
                .put("storage", "file")
                .put("discard", "old")
                .put("num_replicas", 1);
        config.putArray("subjects").add(FleetPublisher.EVERY_HOST);
        JsonNode made = call(c, "$JS.API.STREAM.CREATE." + STREAM, config.toString());
        if (made.has("error")) {
            // another publisher made it between our two requests: fine
            JsonNode again = call(c, "$JS.API.STREAM.INFO." + STREAM, "");
            if (again.has("error")) {
                throw new IOException(
                        "JetStream: " + made.at("/error/description").asText());
            }
            return false;
        }
        return true;
    }

    /**
     * The last document of every host in the stream, or null when there is no stream (nothing was
     * ever published with JetStream on).
     */
    public static List<Stored> lastOfEachHost(NatsConnection c) throws IOException, InterruptedException {
        JsonNode info = call(
                c,
                "$JS.API.STREAM.INFO." + STREAM,
                JSON.createObjectNode()
                        .put("subjects_filter", FleetPublisher.EVERY_HOST)
                        .toString());
        if (info.has("error")) {
            if (info.at("/error/err_code").asInt() == STREAM_NOT_FOUND) {
                return null;
            }
            throw new IOException("JetStream: " + info.at("/error/description").asText());
        }
        List<Stored> out = new ArrayList<>();
        for (Iterator<String> it = info.at("/state/subjects").fieldNames(); it.hasNext(); ) {
            String subject = it.next();
            JsonNode msg = call(
                    c,
                    "$JS.API.STREAM.MSG.GET." + STREAM,
                    JSON.createObjectNode().put("last_by_subj", subject).toString());
            if (msg.has("error")) {
                continue; // aged out between the two requests
            }
            byte[] data = Base64.getDecoder().decode(msg.at("/message/data").asText(""));
            java.time.Instant received;
            try {
                received = java.time.Instant.parse(msg.at("/message/time").asText(""));
            } catch (java.time.format.DateTimeParseException e) {
                received = null;
            }
            out.add(new Stored(subject, new String(data, StandardCharsets.UTF_8), received));
        }
        return out;
    }

    /**
     * What JetStream said against a published message, from its acknowledgement: null when it was
     * stored ({@code {"stream":..,"seq":..}}), else its description (or the reply itself, if it is not one).
     */
    static String refusal(byte[] ack) {
        try {
            JsonNode n = JSON.readTree(ack);
            if (n.has("error")) {
                return n.at("/error/description")
                        .asText("error " + n.at("/error/code").asText("?"));
            }
            if (n.has("seq")) {
                return null;
            }
        } catch (IOException e) {
            // not JSON: said as it came, below
        }
        String text = new String(ack, StandardCharsets.UTF_8);
        return "unexpected reply: " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    private static JsonNode call(NatsConnection c, String subject, String body)
            throws IOException, InterruptedException {
        byte[] reply = c.request(subject, body.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        try {
            return JSON.readTree(reply);
        } catch (IOException e) {
            throw new IOException("JetStream: not a JSON reply on " + subject);
        }
    }
}
