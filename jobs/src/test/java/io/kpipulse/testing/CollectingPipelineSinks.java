package io.kpipulse.testing;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.ingest.DeadLetter;
import io.kpipulse.ingest.LateEvent;
import io.kpipulse.org.SourcedOrgFact;
import io.kpipulse.pipeline.PipelineSinks;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Every output of the pipeline into a {@link CollectingSink}, read by the test after the job finished. */
public final class CollectingPipelineSinks implements PipelineSinks {

    public final CollectingSink<IndicatorRow> rows = new CollectingSink<>();
    public final CollectingSink<ArchivedEvent> archived = new CollectingSink<>();
    public final CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
    public final CollectingSink<LateEvent> late = new CollectingSink<>();
    public final CollectingSink<SourcedOrgFact> orgFacts = new CollectingSink<>();
    public final CollectingSink<AlertTransition> alerts = new CollectingSink<>();

    @Override
    public void indicatorValues(DataStream<IndicatorRow> s) {
        s.sinkTo(rows);
    }

    @Override
    public void alertTransitions(DataStream<AlertTransition> s) {
        s.sinkTo(alerts);
    }

    @Override
    public void archive(DataStream<ArchivedEvent> s) {
        s.sinkTo(archived);
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> s) {
        s.sinkTo(deadLetters);
    }

    @Override
    public void lateEvents(DataStream<LateEvent> s) {
        s.sinkTo(late);
    }

    @Override
    public void orgDirectory(DataStream<SourcedOrgFact> s) {
        s.sinkTo(orgFacts);
    }
}
