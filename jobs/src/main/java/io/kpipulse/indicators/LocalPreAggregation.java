package io.kpipulse.indicators;

import java.util.LinkedHashMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The local half of local-global aggregation: per subtask, before the shuffle to the windows, folds the items
 * of each subject key into one {@link SubjectBatch} and sends it on, so a department that takes part in every
 * event of its subtree crosses the shuffle once per hold instead of once per item.
 *
 * <p>Nothing is kept across a checkpoint or past a watermark, so the operator has no state and the windows
 * see what they saw item by item, only grouped: every batch is sent before the next watermark is forwarded
 * (the windows' event-time timers — midnights, cleanup, the end of input — find every item dated before
 * them), before each checkpoint barrier (a checkpoint never holds an item in flight here), at the end of
 * the input, and at the latest {@code holdMillis} of processing time after the first item waiting, so a
 * stopped watermark does not hold values back. {@code maxKeys} bounds what waits.
 */
public final class LocalPreAggregation extends AbstractStreamOperator<SubjectBatch>
        implements OneInputStreamOperator<SubjectItem, SubjectBatch> {

    private static final long serialVersionUID = 1L;

    private final long holdMillis;
    private final int maxKeys;

    private transient LinkedHashMap<String, SubjectBatch> waiting;
    private transient boolean timerPending;

    public LocalPreAggregation(long holdMillis, int maxKeys) {
        if (holdMillis <= 0 || maxKeys <= 0) {
            throw new IllegalArgumentException("hold and key bound must be positive");
        }
        this.holdMillis = holdMillis;
        this.maxKeys = maxKeys;
    }

    @Override
    public void open() throws Exception {
        super.open();
        waiting = new LinkedHashMap<>();
    }

    @Override
    public void processElement(StreamRecord<SubjectItem> element) {
        SubjectItem item = element.getValue();
        waiting.computeIfAbsent(item.key(), k -> new SubjectBatch()).add(item);
        if (waiting.size() >= maxKeys) {
            send();
        } else if (!timerPending) {
            timerPending = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + holdMillis, time -> {
                timerPending = false;
                send();
            });
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        send();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        send();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        send();
        super.finish();
    }

    private void send() {
        if (waiting.isEmpty()) {
            return;
        }
        for (SubjectBatch batch : waiting.values()) {
            output.collect(new StreamRecord<>(batch));
        }
        waiting.clear();
    }
}
