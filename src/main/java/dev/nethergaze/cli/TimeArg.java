package dev.nethergaze.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A moment given on the command line: {@code 2025-03-10T14:00:00Z} or with an offset ({@code +01:00}),
 * {@code 2025-03-10T14:00[:SS]} or {@code 2025-03-10 14:00[:SS]} in the given zone, or a date (its
 * first second in that zone).
 */
final class TimeArg {

    private TimeArg() {}

    static Instant parse(String option, String text, ZoneId zone) {
        String t = text.strip().replace(' ', 'T');
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            if (t.endsWith("Z") || t.endsWith("z") || t.lastIndexOf('+') > 0 || t.lastIndexOf('-') > 9) {
                return OffsetDateTime.parse(t.toUpperCase(java.util.Locale.ROOT))
                        .toInstant();
            }
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new UserException(option + ": expected a time like 2025-03-10T14:00, 2025-03-10T14:00:00Z or"
                    + " 2025-03-10, got '" + text + "'");
        }
    }
}
