package io.kpipulse.pipeline;

import io.kpipulse.events.DecodedEvent;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventDecodeException;
import io.kpipulse.events.validation.EventValidator;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgChanges;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Feeds the broadcast org directory from the org topic. Records that admission would reject (undecodable,
 * unknown tenant, impossible values) change nothing here either; admission dead-letters them.
 */
final class OrgChangeExtractor implements FlatMapFunction<RawRecord, ControlUpdate> {

    private static final long serialVersionUID = 1L;

    private final HashSet<String> tenants;

    OrgChangeExtractor(Set<String> tenants) {
        this.tenants = new HashSet<>(tenants);
    }

    @Override
    public void flatMap(RawRecord record, Collector<ControlUpdate> out) {
        DecodedEvent decoded;
        try {
            decoded = EventCodec.standard().decode(record.value());
        } catch (EventDecodeException e) {
            return;
        }
        if (!tenants.contains(decoded.header().getTenantId())
                || EventValidator.impossibility(decoded.event()).isPresent()) {
            return;
        }
        for (OrgChange change : OrgChanges.of(decoded.event())) {
            out.collect(ControlUpdate.of(change));
        }
    }
}
