package io.kpipulse.pipeline;

import io.kpipulse.events.EventCodec;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.org.OrgChanges;
import io.kpipulse.org.OrgFact;
import io.kpipulse.org.SourcedOrgFact;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The org facts of the accepted org events, for the directory projection in ClickHouse. Reads the archive
 * (what admission accepted: no duplicates, no late events, no dead letters), so the projection holds the
 * events the engine counted; the original bytes are decoded by the same codec that admitted them.
 */
final class AcceptedOrgFacts implements FlatMapFunction<ArchivedEvent, SourcedOrgFact> {

    private static final long serialVersionUID = 1L;

    private final String orgTopic;
    private transient EventCodec codec;

    AcceptedOrgFacts(String orgTopic) {
        this.orgTopic = orgTopic;
    }

    @Override
    public void flatMap(ArchivedEvent event, Collector<SourcedOrgFact> out) throws Exception {
        if (!orgTopic.equals(event.topic())) {
            return;
        }
        if (codec == null) {
            codec = EventCodec.standard();
        }
        // Admission decoded these very bytes with the same codec, so this cannot fail on data.
        for (OrgFact fact : OrgChanges.facts(codec.decode(event.payloadAvro()).event())) {
            out.collect(new SourcedOrgFact(fact, event.eventId(), event.offset()));
        }
    }
}
