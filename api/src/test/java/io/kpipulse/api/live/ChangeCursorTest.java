package io.kpipulse.api.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.read.changes.ChangePage;
import io.kpipulse.read.changes.ValueChange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    static final Instant T0 = Instant.parse("2026-03-20T02:00:00Z");
    static final Duration MEMORY = Duration.ofSeconds(2);

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

    static ChangePage page(long newestBlock, ValueChange... rows) {
        return new ChangePage(List.of(rows), newestBlock);
    }

    static List<String> ids(List<ValueChange> changes) {
        return changes.stream().map(c -> c.subjectId() + "@" + c.version()).toList();
    }

    @Test
    void theNextReadStartsAfterTheNewestBlockRead() {
        ChangeCursor cursor = new ChangeCursor(40, MEMORY);
        assertEquals(40, cursor.block());
        cursor.accept(page(43, row("e-1", 1, T0)));
        assertEquals(43, cursor.block());
        cursor.accept(page(43));
        assertEquals(43, cursor.block(), "an empty page leaves the cursor where it was");
    }

    @Test
    void aRowWithAnOldWriteTimeIsNewsWhenItsKeyWasNotSent() {
        ChangeCursor cursor = new ChangeCursor(0, MEMORY);
        assertEquals(List.of("e-1@1"), ids(cursor.accept(page(1, row("e-1", 1, T0.plusSeconds(60))))));
        // Computed a minute before e-1 but visible only now (a retried insert): still news.
        assertEquals(List.of("e-2@1"), ids(cursor.accept(page(2, row("e-2", 1, T0)))));
    }

    @Test
    void onlyTheNewestVersionOfAKeyInOnePollIsSent() {
        ChangeCursor cursor = new ChangeCursor(0, MEMORY);
        List<ValueChange> news = cursor.accept(page(
                3, row("e-1", 1, T0.plusMillis(1)), row("e-2", 4, T0.plusMillis(2)), row("e-1", 3, T0.plusMillis(3))));
        assertEquals(List.of("e-1@3", "e-2@4"), ids(news));
    }

    @Test
    void aStaleLowerVersionOrTheSameVersionAgainIsDropped() {
        ChangeCursor cursor = new ChangeCursor(0, MEMORY);
        cursor.accept(page(1, row("e-1", 5, T0.plusMillis(10))));
        assertEquals(List.of(), ids(cursor.accept(page(2, row("e-1", 4, T0.plusMillis(20))))));
        assertEquals(List.of(), ids(cursor.accept(page(3, row("e-1", 5, T0.plusMillis(10))))), "a replay");
        assertEquals(List.of("e-1@6"), ids(cursor.accept(page(4, row("e-1", 6, T0.plusMillis(30))))));
    }

    @Test
    void keysOlderThanTheMemoryAreForgotten() {
        ChangeCursor cursor = new ChangeCursor(0, MEMORY);
        cursor.accept(page(1, row("e-1", 1, T0), row("e-2", 1, T0.plusMillis(500))));
        assertEquals(2, cursor.remembered());
        // The newest row seen is now T0 + 3 s: keys last written before T0 + 1 s are forgotten.
        cursor.accept(page(2, row("e-3", 1, T0.plusSeconds(3))));
        assertEquals(1, cursor.remembered());
    }
}
