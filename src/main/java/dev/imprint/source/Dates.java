package dev.imprint.source;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/** Front matter dates: {@code 2024-07-24}, {@code 2024-07-24T06:15:04} or with a space, with or without a zone. */
public final class Dates {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendPattern("['T'][' ']")
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendPattern("[' ']").appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendPattern("[' ']").appendOffset("+HHMM", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter();

    private Dates() {
    }

    /** Parses a front matter date; a missing zone is filled with {@code zone}. Null when not a date. */
    public static ZonedDateTime parse(String text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        try {
            TemporalAccessor t = FORMAT.parse(text.trim());
            LocalDate date = LocalDate.from(t);
            if (!t.isSupported(ChronoField.HOUR_OF_DAY)) {
                return date.atStartOfDay(zone);
            }
            LocalDateTime local = LocalDateTime.from(t);
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)))
                        .toZonedDateTime();
            }
            return local.atZone(zone);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
