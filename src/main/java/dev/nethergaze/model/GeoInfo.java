package dev.nethergaze.model;

import java.time.LocalDate;

/**
 * Where an address is, from offline databases (MMDB or CSV). Any field may be null when the
 * database has no answer; {@code dbDate} is the build date of the database that answered.
 */
public record GeoInfo(
        String country,
        String countryName,
        String city,
        String subdivision,
        Double latitude,
        Double longitude,
        Long asn,
        String asOrg,
        LocalDate dbDate) {

    /** "AS64500", or null when the databases know no AS for the address. */
    public String asLabel() {
        return asn == null ? null : "AS" + asn;
    }

    /** "AS64500 Example Net" (or only the number when the name is unknown), or null without an AS. */
    public String network() {
        return asn == null ? null : asOrg == null ? asLabel() : asLabel() + " " + asOrg;
    }
}
