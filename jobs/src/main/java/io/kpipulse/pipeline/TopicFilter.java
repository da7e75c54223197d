package io.kpipulse.pipeline;

import io.kpipulse.ingest.RawRecord;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps the records of one topic. */
final class TopicFilter implements FilterFunction<RawRecord> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    TopicFilter(String topic) {
        this.topic = topic;
    }

    @Override
    public boolean filter(RawRecord record) {
        return topic.equals(record.topic());
    }
}
