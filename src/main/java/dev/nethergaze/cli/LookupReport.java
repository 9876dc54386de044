package dev.nethergaze.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.nethergaze.export.EnrichmentJson;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.SpecialAddress;
import dev.nethergaze.model.WhoisInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What {@code lookup} prints: a JSON array (the snapshot's {@code geo}/{@code whois} objects) or a table. */
final class LookupReport {

    /**
     * One address's answers.
     *
     * @param whoisError why there is no whois answer (off, offline, private, failure), or null
     * @param whoisNote why port-43 whois answered rather than RDAP, or null
     */
    record Row(IpKey ip, GeoInfo geo, WhoisInfo whois, String whoisError, String whoisNote) {

        Row(IpKey ip, GeoInfo geo, WhoisInfo whois, String whoisError) {
            this(ip, geo, whois, whoisError, null);
        }
    }

    private record Column(String title, Function<Row, String> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("IP", r -> r.ip().toString()),
            new Column("CC", r -> geo(r, GeoInfo::country)),
            new Column("CITY", r -> geo(r, GeoInfo::city)),
            new Column("ASN", r -> r.geo() == null ? null : r.geo().asLabel()),
            new Column("AS ORG", r -> geo(r, GeoInfo::asOrg)),
            new Column("NETWORK", r -> whois(r, WhoisInfo::network)),
            new Column("CIDR", r -> whois(r, WhoisInfo::cidr)),
            new Column("ORG", r -> whois(r, WhoisInfo::org)),
            new Column("ABUSE", r -> whois(r, WhoisInfo::abuseEmail)),
            new Column("SRC", r -> whois(r, WhoisInfo::source)));

    private static final int MAX_CELL = 40;

    private LookupReport() {}

    /** @param names the PTR names found (reverse DNS on), or null when reverse DNS is off */
    static void json(List<Row> rows, Map<IpKey, String> names, PrintStream out) throws IOException {
        try (JsonGenerator g = JsonFactory.builder().build().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartArray();
            for (Row r : rows) {
                g.writeStartObject();
                g.writeStringField("ip", r.ip().toString());
                if (names != null) { // its PTR name, null when it has none (or it came late)
                    g.writeStringField("name", names.get(r.ip()));
                }
                // a NAT64 or 6to4 address: what was looked up is the IPv4 address inside it
                Optional<SpecialAddress.Carried> via = SpecialAddress.carried(r.ip());
                if (via.isPresent()) {
                    g.writeStringField("looked_up", via.get().v4().toString());
                    g.writeStringField("via", via.get().describe());
                }
                EnrichmentJson.writeGeo(g, r.geo());
                EnrichmentJson.writeWhois(g, r.whois());
                if (r.whoisError() == null) {
                    g.writeNullField("whois_error");
                } else {
                    g.writeStringField("whois_error", r.whoisError());
                }
                if (r.whoisNote() == null) {
                    g.writeNullField("whois_note");
                } else {
                    g.writeStringField("whois_note", r.whoisNote());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        out.println();
        out.flush();
    }

    /**
     * @param databases the geo databases used (none found: empty), or null when geo lookups are off
     * @param names the PTR names found, a NAME column after the address; null when reverse DNS is off
     */
    static void table(List<Row> rows, List<String> databases, Map<IpKey, String> names, PrintWriter out) {
        List<Column> columns = new ArrayList<>(COLUMNS);
        if (names != null) {
            columns.add(1, new Column("NAME", r -> names.get(r.ip())));
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::title).toList());
        for (Row r : rows) {
            cells.add(columns.stream().map(c -> cell(c.value().apply(r))).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : cells) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                sb.append(i == widths.length - 1 ? line.get(i) : pad(line.get(i), widths[i] + 2));
            }
            out.println(sb.toString().stripTrailing());
        }
        for (Row r : rows) {
            SpecialAddress.carried(r.ip())
                    .ifPresent(c -> out.println(r.ip() + ": looked up as " + c.v4() + " (" + c.describe() + ")"));
        }
        for (Row r : rows) {
            if (r.whoisError() != null) {
                out.println("whois " + r.ip() + ": " + r.whoisError());
            } else if (r.whoisNote() != null) {
                out.println("whois " + r.ip() + ": " + r.whoisNote());
            }
        }
        out.println(
                databases == null
                        ? "geo: lookups off (--no-geoip or geoip.enabled = false)"
                        : databases.isEmpty()
                                ? "geo: no local database (see nethergaze geo update)"
                                : "geo: " + String.join("; ", databases));
        out.flush();
    }

    private static String geo(Row r, Function<GeoInfo, String> f) {
        return r.geo() == null ? null : f.apply(r.geo());
    }

    private static String whois(Row r, Function<WhoisInfo, String> f) {
        return r.whois() == null ? null : f.apply(r.whois());
    }

    private static String cell(String v) {
        if (v == null || v.isBlank()) {
            return "-";
        }
        String one = v.strip().replaceAll("\\s+", " ");
        return one.length() <= MAX_CELL ? one : one.substring(0, MAX_CELL - 1) + "…";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
