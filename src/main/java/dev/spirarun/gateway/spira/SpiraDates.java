package dev.spirarun.gateway.spira;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Spira's date form. Spira converts a value with an offset to its server's local time and drops the zone, so
 * the gateway only ever sends UTC with a {@code Z}, to the millisecond.
 */
public final class SpiraDates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SpiraDates() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Reads what Spira writes; a value without any zone is UTC, as Spira takes it. */
    public static @Nullable Instant parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
    }
}
