package io.kpipulse.api.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.read.changes.ValueChange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    static final Instant T0 = Instant.parse("2026-03-20T02:00:00Z");
    static final Duration OVERLAP = Duration.ofSeconds(2);

    static ValueChange row(String subject, long version, Instant updatedAt) {
        return new ValueChange(
                "t-acme",
                "new_policy_premium",
                "MONTH_TO_DATE",
                LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-31"),
                "EMPLOYEE",
                subject,
                BigDecimal.valueOf(version),
                null,
                null,
                null,
                null,
                1,
                updatedAt,
                2,
                version,
                updatedAt);
    }

    static List<String> ids(List<ValueChange> changes) {
        return changes.stream().map(c -> c.subjectId() + "@" + c.version()).toList();
    }

    @Test
    void readsAgainTheOverlapBehindTheNewestRowSeen() {
        ChangeCursor cursor = new ChangeCursor(T0, OVERLAP);
        assertEquals(T0.minusSeconds(2), cursor.readFrom());
        cursor.accept(List.of(row("e-1", 1, T0.plusSeconds(5))));
        assertEquals(T0.plusSeconds(3), cursor.readFrom());
    }

    @Test
    void rowsReadAgainInTheOverlapAreNotSentTwice() {
        ChangeCursor cursor = new ChangeCursor(T0, OVERLAP);
        ValueChange first = row("e-1", 1, T0.plusMillis(100));
        assertEquals(List.of("e-1@1"), ids(cursor.accept(List.of(first))));
        // The next poll re-reads e-1 and finds e-2, written in the same millisecond but visible only now.
        ValueChange sameMillisecond = row("e-2", 1, T0.plusMillis(100));
        assertEquals(List.of("e-2@1"), ids(cursor.accept(List.of(first, sameMillisecond))));
    }

    @Test
    void onlyTheNewestVersionOfAKeyInOnePollIsSent() {
        ChangeCursor cursor = new ChangeCursor(T0, OVERLAP);
        List<ValueChange> polled = List.of(
                row("e-1", 1, T0.plusMillis(1)), row("e-2", 4, T0.plusMillis(2)), row("e-1", 3, T0.plusMillis(3)));
        List<ValueChange> news = cursor.accept(polled);
        assertEquals(List.of("e-1@3", "e-2@4"), ids(news));
    }

    @Test
    void aStaleLowerVersionWrittenLateIsDropped() {
        ChangeCursor cursor = new ChangeCursor(T0, OVERLAP);
        cursor.accept(List.of(row("e-1", 5, T0.plusMillis(10))));
        assertEquals(List.of(), ids(cursor.accept(List.of(row("e-1", 4, T0.plusMillis(20))))));
        assertEquals(List.of("e-1@6"), ids(cursor.accept(List.of(row("e-1", 6, T0.plusMillis(30))))));
    }

    @Test
    void keysOlderThanTheOverlapAreForgotten() {
        ChangeCursor cursor = new ChangeCursor(T0, OVERLAP);
        cursor.accept(List.of(row("e-1", 1, T0), row("e-2", 1, T0.plusMillis(500))));
        assertEquals(2, cursor.remembered());
        // The cursor moves to T0 + 3 s: a re-read starts at T0 + 1 s and cannot bring e-1 or e-2 back.
        cursor.accept(List.of(row("e-3", 1, T0.plusSeconds(3))));
        assertEquals(1, cursor.remembered());
    }
}
