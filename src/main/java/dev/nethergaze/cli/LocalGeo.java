package dev.nethergaze.cli;

import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.enrich.geo.GeoLookup;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the IPs of a report come from, from the local geo databases (found, or named by
 * --geoip-*-db / --geo-csv, as live runs use them; never the network): what {@code replay} and
 * {@code explain} add to the views their engines made, which carry no geo.
 */
final class LocalGeo {

    private LocalGeo() {}

    /** {@code views} with each one's place where a database knows it (the same list when geo is off or there is none). */
    static List<IpView> add(List<IpView> views, EnrichOptions options) {
        if (!options.geoip() || views.isEmpty()) {
            return views;
        }
        List<IpView> out = views;
        try (GeoLookup geo = GeoLookup.open(options.geo(), 4096, Wiring::problem)) {
            if (!geo.isEmpty()) {
                out = new ArrayList<>(views.size());
                for (IpView v : views) {
                    out.add(geo.lookup(v.ip()).map(v::withGeo).orElse(v));
                }
            }
        } catch (IOException e) {
            // closing the read-only databases: nothing was lost
        }
        return out;
    }

    /** "GB (United Kingdom), London; AS2856 British Telecommunications PLC", or null when nothing is known. */
    static String describe(GeoInfo g) {
        if (g == null) {
            return null;
        }
        List<String> place = new ArrayList<>();
        if (g.country() != null) {
            place.add(g.countryName() == null ? g.country() : g.country() + " (" + g.countryName() + ")");
        } else if (g.countryName() != null) {
            place.add(g.countryName());
        }
        if (g.city() != null) {
            place.add(g.city());
        }
        List<String> parts = new ArrayList<>();
        if (!place.isEmpty()) {
            parts.add(String.join(", ", place));
        }
        if (g.network() != null) {
            parts.add(g.network());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
