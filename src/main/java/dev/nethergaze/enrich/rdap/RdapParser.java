package dev.nethergaze.enrich.rdap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.enrich.whois.OrgNames;
import dev.nethergaze.enrich.whois.WhoisParser;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.WhoisInfo;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads an RDAP IP network (or autnum) response into a {@link WhoisInfo}: name, CIDR or range,
 * country, registrant organisation (its name; a handle or a range is not one), abuse email (the entity whose {@code roles} contain
 * {@code abuse}, searched through nested entities, vCard {@code email}) and registration dates.
 * Copes with old RIPE replies without {@code objectClassName} and with {@code /32} suffixes on
 * addresses, and with ARIN's fully expanded IPv6.
 */
public final class RdapParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RdapParser() {}

    /** Parses a reply body; throws {@link RdapException} with one line on errors and non-IP objects. */
    public static WhoisInfo parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new RdapException("RDAP reply is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new RdapException("RDAP reply is not a JSON object");
        }
        if (root.has("errorCode")) {
            throw new RdapException("RDAP error " + root.path("errorCode").asText() + ": "
                    + root.path("title").asText(""));
        }
        String kind = root.path("objectClassName").asText("ip network");
        if (!kind.equals("ip network") && !kind.equals("autnum")) {
            throw new RdapException("RDAP reply is a " + kind + ", not an IP network");
        }
        JsonNode entities = root.path("entities");
        WhoisInfo info = new WhoisInfo(
                text(root, "name"),
                kind.equals("ip network") ? cidr(root) : null,
                org(root, entities),
                text(root, "country"),
                abuse(root, entities),
                "rdap",
                event(root, "registration"),
                event(root, "last changed"));
        if (info.network() == null && info.cidr() == null && info.org() == null && info.abuseEmail() == null) {
            // not an answer to show (a row of dashes) or cache for a day: port 43 is asked instead
            throw new RdapException("RDAP reply names no network, holder or abuse contact");
        }
        return info;
    }

    static String cidr(JsonNode root) {
        JsonNode cidrs = root.path("cidr0_cidrs");
        if (cidrs.isArray() && !cidrs.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode c : cidrs) {
                String prefix = c.has("v4prefix")
                        ? c.path("v4prefix").asText()
                        : c.path("v6prefix").asText();
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(prefix).append('/').append(c.path("length").asInt());
            }
            return sb.toString();
        }
        IpKey start = address(root.path("startAddress").asText(null));
        IpKey end = address(root.path("endAddress").asText(null));
        // LACNIC answers with the queried address as start and end (handle too): not the network it is in
        if (start == null || end == null || start.equals(end)) {
            return null;
        }
        return Cidr.describe(start, end);
    }

    private static IpKey address(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        return IpKey.tryParse(slash >= 0 ? text.substring(0, slash) : text);
    }

    private static String org(JsonNode root, JsonNode entities) {
        String registrant = findRole(entities, "registrant", 0);
        if (registrant != null) {
            return registrant;
        }
        for (JsonNode e : entities) {
            String fn = vcard(e, "fn");
            if (e.path("handle").asText("").startsWith("ORG-") && OrgNames.isName(fn)) {
                return fn;
            }
        }
        String description = description(root);
        return OrgNames.isName(description) ? description : null;
    }

    /**
     * The first line of the network's description: RIPE's and APNIC's {@code descr:}, which their RDAP
     * servers give as a remark without a title or titled "description" ("UDC", "DACOM Corp."), and
     * which port-43 whois takes as the holder when no organisation is named.
     */
    private static String description(JsonNode root) {
        for (JsonNode remark : root.path("remarks")) {
            String title = remark.path("title").asText("description");
            JsonNode first = remark.path("description").path(0);
            if (title.equalsIgnoreCase("description")
                    && first.isTextual()
                    && !first.asText().isBlank()) {
                return first.asText().strip();
            }
        }
        return null;
    }

    private static String findRole(JsonNode entities, String role, int depth) {
        if (depth > 4 || !entities.isArray()) {
            return null;
        }
        for (JsonNode e : entities) {
            if (hasRole(e, role)) {
                String fn = vcard(e, "fn");
                if (OrgNames.isName(fn)) { // AFRINIC's vCard names an organisation by its handle
                    return fn;
                }
            }
        }
        for (JsonNode e : entities) {
            String nested = findRole(e.path("entities"), role, depth + 1);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    /**
     * The abuse contact's e-mail, else one a remark gives for abuse reports (AFRINIC's record of
     * 196.11.240.215 has no abuse entity, and the remark "please send abuse reports to
     * abuse@mtnbusiness.co.za", as its port-43 record does).
     */
    private static String abuse(JsonNode root, JsonNode entities) {
        String contact = abuseEmail(entities, 0);
        if (contact != null) {
            return contact;
        }
        for (JsonNode remark : root.path("remarks")) {
            for (JsonNode line : remark.path("description")) {
                String email = WhoisParser.abuseEmailInRemark(line.asText(null));
                if (email != null) {
                    return email;
                }
            }
        }
        return null;
    }

    static String abuseEmail(JsonNode entities, int depth) {
        if (depth > 4 || !entities.isArray()) {
            return null;
        }
        for (JsonNode e : entities) {
            if (hasRole(e, "abuse")) {
                String email = vcard(e, "email");
                if (email != null) {
                    return email;
                }
            }
        }
        for (JsonNode e : entities) {
            String nested = abuseEmail(e.path("entities"), depth + 1);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private static boolean hasRole(JsonNode entity, String role) {
        for (JsonNode r : entity.path("roles")) {
            if (r.asText().equalsIgnoreCase(role)) {
                return true;
            }
        }
        return false;
    }

    /** The first value of a vCard property in a jCard {@code ["vcard", [[name, {}, type, value]...]]}. */
    static String vcard(JsonNode entity, String property) {
        JsonNode props = entity.path("vcardArray").path(1);
        for (JsonNode p : props) {
            if (p.path(0).asText().equalsIgnoreCase(property) && p.path(3).isTextual()) {
                String v = p.path(3).asText().strip();
                if (!v.isEmpty()) {
                    return v;
                }
            }
        }
        return null;
    }

    private static Instant event(JsonNode root, String action) {
        for (JsonNode ev : root.path("events")) {
            if (ev.path("eventAction").asText().equalsIgnoreCase(action)) {
                try {
                    return OffsetDateTime.parse(ev.path("eventDate").asText()).toInstant();
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.path(field);
        return n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : null;
    }
}
