package io.kpipulse.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyAndOptionsTest {

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheCap() {
        RetryPolicy policy = RetryPolicy.limited(6, Duration.ofMillis(100), Duration.ofMillis(500));
        assertEquals(
                List.of(100L, 200L, 400L, 500L, 500L),
                List.of(1, 2, 3, 4, 5).stream()
                        .map(a -> policy.backoffAfter(a).toMillis())
                        .toList());
        assertTrue(policy.allowsAttemptAfter(5));
        assertFalse(policy.allowsAttemptAfter(6));
    }

    @Test
    void noRetriesMeansOneAttempt() {
        assertFalse(RetryPolicy.none().allowsAttemptAfter(1));
    }

    @Test
    void retryPolicyRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.limited(0, Duration.ZERO, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> RetryPolicy.limited(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> RetryPolicy.limited(3, Duration.ofMillis(-1), Duration.ofSeconds(1)));
    }

    @Test
    void defaultsAreFiveThousandRowsOrTwoHundredMilliseconds() {
        SinkOptions options = SinkOptions.defaults();
        assertEquals(5_000, options.batchSize());
        assertEquals(Duration.ofMillis(200), options.flushInterval());
        assertEquals(2, options.batchesInFlight());
    }

    @Test
    void optionsRejectNonsense() {
        assertThrows(
                IllegalArgumentException.class, () -> SinkOptions.defaults().withBatchSize(0));
        assertThrows(
                IllegalArgumentException.class, () -> SinkOptions.defaults().withFlushInterval(Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class, () -> SinkOptions.defaults().withBatchesInFlight(-1));
    }

    @Test
    void insertStatementAcceptsOnlyPlainIdentifiers() {
        assertEquals("INSERT INTO kpi.t (a, b) VALUES (?, ?)", InsertStatement.sql("kpi", "t", List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> InsertStatement.sql("kpi", "t; DROP TABLE x", List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> InsertStatement.sql("kpi", "t", List.of("a b")));
    }
}
