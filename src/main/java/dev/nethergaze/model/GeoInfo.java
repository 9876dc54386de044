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
        LocalDate dbDate) {}
