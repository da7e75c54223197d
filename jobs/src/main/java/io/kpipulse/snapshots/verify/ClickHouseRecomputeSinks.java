package io.kpipulse.snapshots.verify;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.ingest.DeadLetter;
import io.kpipulse.ingest.LateEvent;
import io.kpipulse.org.SourcedOrgFact;
import io.kpipulse.pipeline.PipelineSinks;
import io.kpipulse.pipeline.tables.DeadLettersTable;
import io.kpipulse.pipeline.tables.IndicatorValuesTable;
import io.kpipulse.pipeline.tables.LateEventsTable;
import io.kpipulse.pipeline.tables.OrgTable;
import io.kpipulse.pipeline.tables.RawEventsTable;
import io.kpipulse.sink.ClickHouseSink;
import io.kpipulse.sink.SinkOptions;
import io.kpipulse.storage.ClickHouseConnector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The engine's outputs written to one ClickHouse database with the engine's own table writers: indicator
 * values, the org directory, dead letters and late events (a recomputation should produce none: every replayed
 * event was accepted once), and the archive when {@code keepArchive} (a recomputation reads the archive, it
 * does not write it again; a test's "live" run does).
 */
public final class ClickHouseRecomputeSinks implements PipelineSinks {

    private final ClickHouseConnector clickHouse;
    private final SinkOptions options;
    private final boolean keepArchive;

    public ClickHouseRecomputeSinks(ClickHouseConnector clickHouse, SinkOptions options, boolean keepArchive) {
        this.clickHouse = clickHouse;
        this.options = options;
        this.keepArchive = keepArchive;
    }

    @Override
    public void indicatorValues(DataStream<IndicatorRow> rows) {
        rows.sinkTo(ClickHouseSink.builder(clickHouse, new IndicatorValuesTable())
                        .options(options)
                        .build())
                .name("recomputed-indicator-values");
    }

    /** A recomputation replays with no alert rules and must never notify anyone: nothing to keep. */
    @Override
    public void alertTransitions(DataStream<AlertTransition> transitions) {
        transitions.sinkTo(new DiscardingSink<>()).name("alerts-not-recomputed");
    }

    @Override
    public void archive(DataStream<ArchivedEvent> events) {
        if (keepArchive) {
            events.sinkTo(ClickHouseSink.builder(clickHouse, new RawEventsTable())
                            .options(options)
                            .build())
                    .name("raw_events");
        } else {
            events.sinkTo(new DiscardingSink<>()).name("archive-not-rewritten");
        }
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> letters) {
        letters.sinkTo(ClickHouseSink.builder(clickHouse, new DeadLettersTable())
                        .options(options)
                        .build())
                .name("recomputed-dead-letters");
    }

    @Override
    public void lateEvents(DataStream<LateEvent> events) {
        events.sinkTo(ClickHouseSink.builder(clickHouse, new LateEventsTable())
                        .options(options)
                        .build())
                .name("recomputed-late-events");
    }

    @Override
    public void orgDirectory(DataStream<SourcedOrgFact> facts) {
        for (OrgTable table : OrgTable.all()) {
            facts.filter(table::accepts)
                    .name(table.table() + "-facts")
                    .sinkTo(ClickHouseSink.builder(clickHouse, table)
                            .options(options)
                            .build())
                    .name(table.table());
        }
    }
}
