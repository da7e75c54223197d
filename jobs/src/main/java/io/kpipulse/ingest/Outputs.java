package io.kpipulse.ingest;

import io.kpipulse.indicators.Partial;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side outputs of admission: every record leaves through exactly one of them or as items. */
public final class Outputs {

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late-events", TypeInformation.of(LateEvent.class));
    public static final OutputTag<ArchivedEvent> ARCHIVE =
            new OutputTag<>("archive", TypeInformation.of(ArchivedEvent.class));
    public static final OutputTag<Partial> PARTIALS = new OutputTag<>("partials", TypeInformation.of(Partial.class));

    private Outputs() {}
}
