package io.kpipulse.pipeline;

import io.kpipulse.alerts.AlertHistory;
import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.ingest.DeadLetter;
import io.kpipulse.ingest.LateEvent;
import io.kpipulse.org.SourcedOrgFact;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the engine's outputs go. The job plugs ClickHouse (and the dead-letter topic); tests plug
 * collecting sinks. The archive is its own path so a slow archive never delays indicator values.
 */
public interface PipelineSinks {

    void indicatorValues(DataStream<IndicatorRow> rows);

    /** Alert transitions: their history, and the topic the dispatcher delivers from. */
    void alertTransitions(DataStream<AlertTransition> transitions);

    /** Where the alert transitions of earlier runs can be read back (the evaluator adopts them on start). */
    default AlertHistory alertHistory() {
        return AlertHistory.none();
    }

    void archive(DataStream<ArchivedEvent> events);

    void deadLetters(DataStream<DeadLetter> letters);

    void lateEvents(DataStream<LateEvent> events);

    /** The facts of the accepted org events, for the org directory's time lines. */
    void orgDirectory(DataStream<SourcedOrgFact> facts);
}
