package org.borderpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoTimeTest {
  @Test
  void parsesLikeOffsetDateTime() {
    for (String s : List.of("2022-05-03T10:15:00+07:00", "2022-05-03T10:15:00Z", "2022-05-03T10:15:00.5Z",
        "2022-05-03T10:15:00.123456789-03:30", "2024-02-29T23:59:59.000+00:00", "2022-05-03T10:15:00-00:00",
        "1990-01-01T00:00:00+18:00", "2022-05-03T10:15+07:00", "2022-05-03t10:15:00z", "2022-05-03T10:15:00+07:00:30",
        "+12022-05-03T10:15:00Z", "2022-05-03T10:15:00.Z")) {
      OffsetDateTime expected = OffsetDateTime.parse(s);
      OffsetDateTime actual = IsoTime.parse(s);
      assertEquals(expected, actual, s);
      assertEquals(expected.getOffset(), actual.getOffset(), s);
    }
  }

  @Test
  void rejectsWhatOffsetDateTimeRejects() {
    for (String s : List.of("2023-02-29T10:15:00Z", "2022-13-03T10:15:00Z", "2022-05-03T24:00:00Z",
        "2022-05-03T10:60:00Z", "2022-05-03T10:15:60Z", "2022-05-03T10:15:00+19:00", "2022-05-03T10:15:00+0700",
        "2022-05-03T10:15:00", "2022-05-03 10:15:00Z", "2022-05-03T10:15:00.1234567890Z",
        "2022-05-03T10:15:00+07:00x", "2022-5-03T10:15:00Z", "abcdefghijklmnopqrstuvwxyz", "")) {
      assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(s), s);
      assertThrows(DateTimeParseException.class, () -> IsoTime.parse(s), s);
    }
  }
}
