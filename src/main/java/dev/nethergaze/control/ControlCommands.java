package dev.nethergaze.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.detect.Explanation;
import dev.nethergaze.export.ExplainJson;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.export.WireJson;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.WireSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * Executes one control request line: {@code {"cmd":"status"|"set"|"top"|"pause"|"resume"|"reset"|
 * "snapshot"|"explain"|"stop", ...}}. Every reply is one JSON line {@code {"ok":true,"cmd":..,"data":..}} or
 * {@code {"ok":false,"error":".."}}, at most {@value #MAX_REPLY} bytes.
 */
final class ControlCommands {

    static final int MAX_REPLY = 4 << 20;

    /** A reply line; {@code stop} asks the server to run the stop action after sending it. */
    record Reply(String json, boolean stop) {

        byte[] bytes() {
            return json.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    /**
     * For records handed over as they are (the capture's status): snake_case, as every other key we write,
     * and an address as its text ({@code "192.0.2.2"}), not the two longs and flags of the model's key.
     */
    private static final ObjectMapper SNAKE = JSON.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule().addSerializer(IpKey.class, ToStringSerializer.instance));

    private final ControlHandler handler;

    ControlCommands(ControlHandler handler) {
        this.handler = handler;
    }

    Reply handle(String line) {
        JsonNode req;
        try {
            req = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return error("request is not JSON");
        }
        if (req == null || !req.isObject() || !req.path("cmd").isTextual()) {
            return error("request needs a \"cmd\" string");
        }
        String cmd = req.get("cmd").asText();
        try {
            return switch (cmd) {
                case "status" -> ok(cmd, status());
                case "set" -> set(req);
                case "top" -> top(req);
                case "pause" -> {
                    handler.pause();
                    yield ok(cmd, null);
                }
                case "resume" -> {
                    handler.resume();
                    yield ok(cmd, null);
                }
                case "reset" -> {
                    handler.reset();
                    yield ok(cmd, null);
                }
                case "snapshot" -> snapshot();
                case "explain" -> explain(req);
                case "stop" -> new Reply(ok(cmd, null).json(), true);
                default -> error("unknown command " + cmd);
            };
        } catch (RuntimeException e) {
            return error(cmd + " failed: " + e.getMessage());
        }
    }

    void afterStop() {
        handler.stop();
    }

    /**
     * The engine's counts and sources, and the capture's status. A run whose engine cannot answer now
     * (a replay busy reading or judging) still gives the capture's part, with the reason in {@code
     * engine_unavailable}: the packet counters are what an operator asks a slow run for.
     */
    private JsonNode status() {
        ObjectNode s = JSON.createObjectNode();
        Snapshot snap = null;
        try {
            snap = handler.snapshot();
        } catch (RuntimeException e) {
            s.put("engine_unavailable", String.valueOf(e.getMessage()));
        }
        if (snap != null) {
            s.put("generated_at", snap.generatedAt().toString());
            s.put("ips", snap.totals().ipsTracked());
            // every request and SSH failure counted so far (the whole snapshot may be over the reply limit)
            s.put("requests", snap.totals().requests());
            s.put("auth_failures", snap.totals().authFailures());
            s.set("sources", sources(snap));
        }
        Object extra = handler.status();
        if (extra != null) {
            s.set("capture", SNAKE.valueToTree(extra));
        }
        return s;
    }

    /** The sources as snapshots list them (status "ok", not the enum's "OK"). */
    private static JsonNode sources(Snapshot snap) {
        try (TokenBuffer tb = new TokenBuffer(JSON, false)) {
            SnapshotJson.writeSources(tb, snap.sources());
            return JSON.readTree(tb.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    private Reply set(JsonNode req) {
        for (String field : List.of("port", "proto", "src", "dst", "bpf")) {
            JsonNode v = req.get(field);
            if (v != null && v.isContainerNode()) { // read as "", it cleared that filter
                return error("set: \"" + field + "\" must be a string (\"\" clears it), not "
                        + (v.isArray() ? "an array" : "an object"));
            }
        }
        FilterRequest f = new FilterRequest(
                text(req, "port"), text(req, "proto"), text(req, "src"), text(req, "dst"), text(req, "bpf"));
        String err = handler.setFilter(f);
        return err == null ? ok("set", null) : error(err);
    }

    private Reply top(JsonNode req) {
        int n = rows(req.get("n"));
        if (n < 1 || n > ControlClient.MAX_TOP) {
            return error("top N needs 1 <= N <= " + ControlClient.MAX_TOP);
        }
        Snapshot snap = handler.snapshot();
        ArrayNode rows = JSON.createArrayNode();
        if (snap != null) {
            List<IpView> ips = snap.ips().stream()
                    .sorted(Comparator.comparingLong(ControlCommands::wirePackets)
                            .reversed()
                            .thenComparing(
                                    Comparator.comparingLong(IpView::requests).reversed()))
                    .limit(n)
                    .toList();
            for (IpView v : ips) {
                ObjectNode r = rows.addObject();
                r.put("ip", v.ip().toString());
                r.put("connections", v.connections().total());
                r.put("requests", v.requests());
                WireSummary w = v.wire();
                if (w != null) {
                    r.put("packets", w.packets());
                    r.put("pps", WireJson.rate(w.pps()));
                    r.put("pps_60s", WireJson.rate(w.pps60s()));
                    r.put("syn", w.syn());
                    r.put("synack", w.synAck());
                    r.put("ports_touched", w.portsTouched());
                }
            }
        }
        return ok("top", rows);
    }

    /** {@code n} of top: 20 when not given, a whole number as a number or a text, else 0 (refused). */
    private static int rows(JsonNode n) {
        if (n == null || n.isNull()) {
            return 20;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToInt() ? n.intValue() : 0;
        }
        return n.isTextual() && n.asText().matches("[0-9]{1,9}") ? Integer.parseInt(n.asText()) : 0;
    }

    private static long wirePackets(IpView v) {
        return v.wire() == null ? -1 : v.wire().packets();
    }

    private Reply snapshot() {
        Snapshot snap = handler.snapshot();
        if (snap == null) {
            return error("no snapshot yet");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            new SnapshotJson(false).write(snap, buf);
        } catch (IOException e) {
            return error("snapshot failed: " + e.getMessage());
        }
        byte[] doc = buf.toByteArray();
        if (doc.length + 64 > MAX_REPLY) {
            return error(
                    "snapshot is " + doc.length + " bytes, over the " + MAX_REPLY + "-byte reply limit; use top N");
        }
        String data = new String(doc, StandardCharsets.UTF_8).strip();
        return new Reply("{\"ok\":true,\"cmd\":\"snapshot\",\"data\":" + data + "}", false);
    }

    /**
     * {@code {"cmd":"explain","ip":"203.0.113.9"}} (or a prefix a finding names, {@code "2001:db8:1:2::/64"}):
     * its findings with their evidence, as {@code explain --json} prints them, and which host and snapshot
     * time they are of; {@code private_hidden}: it is not in the report because this run lists no private
     * addresses.
     */
    private Reply explain(JsonNode req) {
        String asked = req.path("ip").asText("");
        Cidr prefix = asked.contains("/") ? prefix(asked) : null;
        IpKey ip = prefix != null ? prefix.network() : IpKey.tryParse(asked);
        if (ip == null) {
            return error("explain needs \"ip\": an IPv4 or IPv6 address, or a prefix (2001:db8:1:2::/64)");
        }
        Snapshot snap = handler.snapshot();
        if (snap == null) {
            return error("no snapshot yet");
        }
        Explanation e = prefix != null ? Explanation.of(snap, prefix) : Explanation.of(snap, ip);
        boolean seen = prefix != null ? !e.addresses().isEmpty() : e.view() != null;
        try (TokenBuffer tb = new TokenBuffer(JSON, false)) {
            tb.writeStartObject();
            ExplainJson.writeFields(
                    tb,
                    prefix != null ? prefix.toString() : ip.toString(),
                    e.view(),
                    e.findings(),
                    e.earlier(),
                    e.addresses());
            // "not seen" of 10.0.0.5 from a run that lists no private addresses would say nothing true
            tb.writeBooleanField("private_hidden", !seen && ip.isNonPublic() && !handler.listsPrivateIps());
            tb.writeStringField("host", snap.host());
            tb.writeStringField("generated_at", snap.generatedAt().toString());
            tb.writeEndObject();
            return ok("explain", JSON.readTree(tb.asParser()));
        } catch (IOException x) {
            throw new UncheckedIOException(x); // in memory: cannot happen
        }
    }

    private static Cidr prefix(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode req, String field) {
        JsonNode v = req.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Reply ok(String cmd, JsonNode data) {
        ObjectNode r = JSON.createObjectNode();
        r.put("ok", true);
        r.put("cmd", cmd);
        if (data != null) {
            r.set("data", data);
        }
        return bounded(r);
    }

    private static Reply error(String message) {
        ObjectNode r = JSON.createObjectNode();
        r.put("ok", false);
        r.put("error", message);
        return bounded(r);
    }

    private static Reply bounded(ObjectNode r) {
        try {
            String b = JSON.writeValueAsString(r);
            if (b.length() > MAX_REPLY) {
                return error("reply of " + b.length() + " characters exceeds the " + MAX_REPLY + " limit");
            }
            return new Reply(b, false);
        } catch (JsonProcessingException e) {
            return new Reply("{\"ok\":false,\"error\":\"reply not serialisable\"}", false);
        }
    }
}
