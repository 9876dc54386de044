package dev.nethergaze.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A running Nethergaze's answer to the control socket's {@code explain}: the fields {@code explain
 * --json} prints (see ExplainJson), read back so that the text explanation is the one explain prints
 * of its own judgement.
 */
record ExplainAnswer(
        boolean seen,
        GeoInfo geo,
        List<Finding> findings,
        List<PastFinding> earlier,
        List<String> addresses,
        String host,
        String generatedAt) {

    static ExplainAnswer read(JsonNode d) {
        List<Finding> findings = new ArrayList<>();
        d.path("findings").forEach(f -> findings.add(finding(f)));
        List<PastFinding> earlier = new ArrayList<>();
        d.path("earlier_findings")
                .forEach(f -> earlier.add(new PastFinding(
                        finding(f), Instant.parse(f.path("ended").asText()))));
        List<String> addresses = new ArrayList<>(); // a prefix's; none for one IP
        d.path("addresses").forEach(a -> addresses.add(a.asText()));
        return new ExplainAnswer(
                d.path("seen").asBoolean(),
                geo(d.path("geo")),
                findings,
                earlier,
                addresses,
                d.path("host").asText(),
                d.path("generated_at").asText());
    }

    private static Finding finding(JsonNode f) {
        List<String> evidence = new ArrayList<>();
        f.path("evidence").forEach(e -> evidence.add(e.asText()));
        return new Finding(
                f.path("rule").asText(),
                Severity.valueOf(f.path("severity").asText().toUpperCase(Locale.ROOT)),
                f.path("subject").asText(),
                f.path("reason").asText(),
                f.path("observed").asDouble(),
                f.path("threshold").asDouble(),
                Duration.ofSeconds(f.path("window_s").asLong()),
                Instant.parse(f.path("since").asText()),
                evidence);
    }

    private static GeoInfo geo(JsonNode g) {
        if (!g.isObject()) {
            return null;
        }
        return new GeoInfo(
                text(g, "country"),
                text(g, "country_name"),
                text(g, "city"),
                text(g, "subdivision"),
                g.path("latitude").isNumber() ? g.get("latitude").asDouble() : null,
                g.path("longitude").isNumber() ? g.get("longitude").asDouble() : null,
                g.path("asn").isNumber() ? g.get("asn").asLong() : null,
                text(g, "as_org"),
                g.path("db_date").isTextual() ? LocalDate.parse(g.get("db_date").asText()) : null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
