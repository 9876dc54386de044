package dev.nethergaze.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.HistoryInfo;
import dev.nethergaze.model.WhoisInfo;
import java.io.IOException;

/**
 * The {@code geo}, {@code whois} and {@code history} objects, shared by snapshots and {@code lookup}.
 * Unknown values are written as JSON null, so the shape is the same for every IP.
 */
public final class EnrichmentJson {

    private EnrichmentJson() {}

    public static void writeGeo(JsonGenerator g, GeoInfo geo) throws IOException {
        if (geo == null) {
            g.writeNullField("geo");
            return;
        }
        g.writeObjectFieldStart("geo");
        str(g, "country", geo.country());
        str(g, "country_name", geo.countryName());
        str(g, "city", geo.city());
        str(g, "subdivision", geo.subdivision());
        num(g, "latitude", geo.latitude());
        num(g, "longitude", geo.longitude());
        if (geo.asn() == null) {
            g.writeNullField("asn");
        } else {
            g.writeNumberField("asn", geo.asn());
        }
        str(g, "as_org", geo.asOrg());
        str(g, "db_date", geo.dbDate() == null ? null : geo.dbDate().toString());
        g.writeEndObject();
    }

    public static void writeWhois(JsonGenerator g, WhoisInfo w) throws IOException {
        if (w == null) {
            g.writeNullField("whois");
            return;
        }
        g.writeObjectFieldStart("whois");
        str(g, "network", w.network());
        str(g, "cidr", w.cidr());
        str(g, "org", w.org());
        str(g, "country", w.country());
        str(g, "abuse_email", w.abuseEmail());
        str(g, "source", w.source());
        str(g, "registered", w.registered() == null ? null : w.registered().toString());
        str(g, "last_changed", w.lastChanged() == null ? null : w.lastChanged().toString());
        g.writeEndObject();
    }

    public static void writeHistory(JsonGenerator g, HistoryInfo h) throws IOException {
        if (h == null) {
            g.writeNullField("history");
            return;
        }
        g.writeObjectFieldStart("history");
        g.writeNumberField("sessions", h.sessions());
        str(
                g,
                "first_seen_ever",
                h.firstSeenEver() == null ? null : h.firstSeenEver().toString());
        g.writeNumberField("requests_total", h.requestsTotal());
        g.writeNumberField("flagged_total", h.flaggedTotal());
        g.writeEndObject();
    }

    private static void str(JsonGenerator g, String field, String v) throws IOException {
        if (v == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, v);
        }
    }

    private static void num(JsonGenerator g, String field, Double v) throws IOException {
        if (v == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, v);
        }
    }
}
