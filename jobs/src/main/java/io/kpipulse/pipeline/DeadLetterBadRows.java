package io.kpipulse.pipeline;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.AlertTransitionJson;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.ingest.DeadLetter;
import io.kpipulse.ingest.LateEvent;
import io.kpipulse.ingest.RejectionReason;
import io.kpipulse.org.SourcedOrgFact;
import io.kpipulse.pipeline.tables.DeadLettersTable;
import io.kpipulse.sink.BadRowHandler;
import io.kpipulse.sink.SinkErrorClassifier;
import io.kpipulse.storage.ClickHouseConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.UUID;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Keeps a row that ClickHouse rejected as bad data (a value beyond Decimal(38, 6), say) as a dead letter,
 * so one bad row neither stops the job nor is dropped: a {@code SINK_REJECTED} row in
 * {@code dead_letters}, under the topic {@code clickhouse:<table>}, with the reason and the row's
 * content (the original event bytes where the row carries them, else the row as text).
 *
 * <p>The dead letter is written at once, on the thread that inserts the batch, before the checkpoint that
 * covers the row completes; if that fails too the job fails and the replay tries again, so nothing is lost. Its position
 * is a hash of the row's deterministic identity (an event's Kafka position, an indicator row's key and
 * version), so a replay rewrites the same dead letter instead of adding one.
 */
public final class DeadLetterBadRows<T> implements BadRowHandler<T> {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DETAIL = 2_000;

    private final ClickHouseConnector clickHouse;
    private final SerializableFunction<T, String> tenant;
    private final SerializableFunction<T, String> identity;
    private final SerializableFunction<T, byte[]> content;
    private final DeadLettersTable table = new DeadLettersTable();

    private DeadLetterBadRows(
            ClickHouseConnector clickHouse,
            SerializableFunction<T, String> tenant,
            SerializableFunction<T, String> identity,
            SerializableFunction<T, byte[]> content) {
        this.clickHouse = clickHouse;
        this.tenant = tenant;
        this.identity = identity;
        this.content = content;
    }

    public static DeadLetterBadRows<IndicatorRow> forIndicatorValues(ClickHouseConnector clickHouse) {
        return new DeadLetterBadRows<>(
                clickHouse,
                IndicatorRow::tenantId,
                r -> String.join(
                        "|",
                        r.tenantId(),
                        r.indicatorId(),
                        r.windowType().name(),
                        r.windowStart().toString(),
                        r.subjectType().name(),
                        r.subjectId(),
                        Long.toString(r.version())),
                r -> r.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static DeadLetterBadRows<ArchivedEvent> forRawEvents(ClickHouseConnector clickHouse) {
        return new DeadLetterBadRows<>(
                clickHouse,
                ArchivedEvent::tenantId,
                e -> e.topic() + '/' + e.partition() + '/' + e.offset(),
                ArchivedEvent::payloadAvro);
    }

    public static DeadLetterBadRows<LateEvent> forLateEvents(ClickHouseConnector clickHouse) {
        return new DeadLetterBadRows<>(
                clickHouse,
                LateEvent::tenantId,
                e -> e.topic() + '/' + e.partition() + '/' + e.offset(),
                LateEvent::payload);
    }

    public static DeadLetterBadRows<DeadLetter> forDeadLetters(ClickHouseConnector clickHouse) {
        return new DeadLetterBadRows<>(
                clickHouse,
                DeadLetter::tenantId,
                d -> d.topic() + '/' + d.partition() + '/' + d.offset(),
                DeadLetter::originalBytes);
    }

    public static DeadLetterBadRows<AlertTransition> forAlertEvents(ClickHouseConnector clickHouse) {
        return new DeadLetterBadRows<>(
                clickHouse,
                AlertTransition::tenantId,
                AlertTransition::idempotencyKey,
                t -> AlertTransitionJson.write(t).getBytes(StandardCharsets.UTF_8));
    }

    /** An org fact's text never carries a name or base pay ({@code OrgFact}'s toString leaves them out). */
    public static DeadLetterBadRows<SourcedOrgFact> forOrgFacts(ClickHouseConnector clickHouse) {
        return new DeadLetterBadRows<>(
                clickHouse,
                f -> f.fact().tenantId(),
                f -> f.eventId() + '/' + f.version(),
                f -> f.fact().toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(String tableName, T row, Exception cause) throws IOException {
        String key = identity.apply(row);
        DeadLetter letter = new DeadLetter(
                "clickhouse:" + tableName,
                0,
                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits() & Long.MAX_VALUE,
                tenant.apply(row),
                RejectionReason.SINK_REJECTED,
                abbreviate("ClickHouse rejected the row for " + tableName + ", " + SinkErrorClassifier.describe(cause)
                        + ": " + cause.getMessage()),
                "",
                "",
                content.apply(row),
                key,
                System.currentTimeMillis());
        // A connection per dead letter: they are rare, and a handler has no end of life to close one at.
        try (Connection c = clickHouse.open();
                PreparedStatement insert = c.prepareStatement(insertSql())) {
            table.bind(insert, letter);
            insert.addBatch();
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IOException(
                    "could not keep the row " + tableName + " rejected as a dead letter: " + e.getMessage(), e);
        }
    }

    private String insertSql() {
        return "INSERT INTO " + table.table() + " (" + String.join(", ", table.columns()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")";
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
