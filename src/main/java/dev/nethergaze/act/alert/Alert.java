package dev.nethergaze.act.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.Block;
import dev.nethergaze.model.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * One new finding to tell the outside world about, on one host, with the firewall rules that already
 * block its IP ({@code blocked}, empty for a host finding or an IP nothing blocks): a receiver can
 * leave an IP fail2ban already holds to itself.
 */
public record Alert(Instant time, String host, Finding finding, List<Block> blocked) {

    public Alert {
        blocked = List.copyOf(blocked);
    }

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One-line JSON: {@code {"time","host","rule","severity","subject","reason","observed","threshold",
     * "window_s","since","evidence","blocked"}}, {@code blocked} as in a snapshot's {@code ips[]}.
     */
    public String json() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            Finding f = finding;
            g.writeStartObject();
            g.writeStringField("time", time.toString());
            g.writeStringField("host", host);
            g.writeStringField("rule", f.rule());
            g.writeStringField("severity", f.severity().json());
            g.writeStringField("subject", f.subject());
            g.writeStringField("reason", f.reason());
            g.writeNumberField("observed", f.observed());
            g.writeNumberField("threshold", f.threshold());
            g.writeNumberField("window_s", f.window().toSeconds());
            g.writeStringField("since", f.since().toString());
            g.writeArrayFieldStart("evidence");
            for (String e : f.evidence()) {
                g.writeString(e);
            }
            g.writeEndArray();
            SnapshotJson.writeBlocked(g, blocked);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
