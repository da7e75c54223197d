package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The local half of local-global aggregation: items folded per subject key and day, every batch sent before
 * the watermark, the checkpoint barrier or the end of input that follows them, or after the hold; and a day's
 * fold merged into a window equals its items added one by one.
 */
class LocalPreAggregationTest {

    private static final long HOLD = 50;

    private static Item item(long day, ItemPart part, String amount, long duration, String text, String eventId) {
        return new Item(
                "t",
                "premium",
                day * 86_400_000L + duration,
                day,
                new Attribution("e-1", List.of("d-team", "d-root"), List.of()),
                part,
                amount == null ? null : new BigDecimal(amount),
                duration,
                duration % 2 == 0,
                text,
                eventId);
    }

    private static SubjectItem to(SubjectType type, String id, Item item) {
        return new SubjectItem(type, id, List.of(id, "d-root"), "Asia/Shanghai", item);
    }

    private static OneInputStreamOperatorTestHarness<SubjectItem, SubjectBatch> harness() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new LocalPreAggregation(HOLD, 1_000));
        h.open();
        return h;
    }

    @Test
    void itemsOfOneKeyCrossTheShuffleAsOneBatchBeforeTheWatermarkThatFollowsThem() throws Exception {
        try (var h = harness()) {
            SubjectItem first = to(SubjectType.DEPARTMENT, "d-team", item(10, ItemPart.VALUE, "100.00", 0, null, "a"));
            SubjectItem second = to(SubjectType.DEPARTMENT, "d-team", item(11, ItemPart.VALUE, "50.50", 0, null, "b"));
            SubjectItem third = to(SubjectType.DEPARTMENT, "d-team", item(10, ItemPart.VALUE, "0.25", 0, null, "c"));
            SubjectItem other = to(SubjectType.EMPLOYEE, "e-1", item(10, ItemPart.VALUE, "7", 0, null, "a"));
            for (SubjectItem i : List.of(first, other, second, third)) {
                h.processElement(new StreamRecord<>(i));
            }
            assertTrue(h.getOutput().isEmpty(), "nothing leaves before a watermark, a barrier or the hold");

            h.processWatermark(new Watermark(1_000));

            List<Object> out = new ArrayList<>(h.getOutput());
            assertEquals(3, out.size(), "two batches, then the watermark");
            SubjectBatch team = batch(out.get(0));
            assertSame(third, team.last(), "the newest item addresses the key's windows");
            assertEquals(List.of(10L, 11L), List.copyOf(team.days().keySet()));
            assertEquals(0, new BigDecimal("100.25").compareTo(team.days().get(10L).sum));
            assertEquals(2, team.days().get(10L).items);
            assertEquals(0, new BigDecimal("50.50").compareTo(team.days().get(11L).sum));
            assertEquals(other.key(), batch(out.get(1)).key());
            assertInstanceOf(Watermark.class, out.get(2), "the watermark comes after every batch before it");
        }
    }

    @Test
    void aCheckpointBarrierNeverFindsAnItemWaiting() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(
                    to(SubjectType.EMPLOYEE, "e-1", item(10, ItemPart.NUMERATOR, "1", 0, null, "a"))));
            h.prepareSnapshotPreBarrier(1);
            assertEquals(1, h.extractOutputValues().size());
            assertEquals(0, h.snapshot(1, 1).getManagedOperatorState().size(), "no state: nothing is kept");
        }
    }

    @Test
    void aStoppedWatermarkHoldsAnItemNoLongerThanTheHold() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(1_000);
            h.processElement(
                    new StreamRecord<>(to(SubjectType.EMPLOYEE, "e-1", item(10, ItemPart.VALUE, "1", 0, null, "a"))));
            h.setProcessingTime(1_000 + HOLD - 1);
            assertTrue(h.getOutput().isEmpty());
            h.setProcessingTime(1_000 + HOLD);
            assertEquals(1, h.extractOutputValues().size());
            h.processElement(
                    new StreamRecord<>(to(SubjectType.EMPLOYEE, "e-1", item(10, ItemPart.VALUE, "2", 0, null, "b"))));
            h.setProcessingTime(1_000 + 2 * HOLD);
            assertEquals(2, h.extractOutputValues().size(), "a new hold starts with the next item");
        }
    }

    @Test
    void theEndOfInputSendsWhatWaits() throws Exception {
        try (var h = harness()) {
            h.processElement(
                    new StreamRecord<>(to(SubjectType.EMPLOYEE, "e-1", item(10, ItemPart.VALUE, "1", 0, null, "a"))));
            h.getOperator().finish();
            assertEquals(1, h.extractOutputValues().size());
        }
    }

    @Test
    void aDayFoldedInABatchMergesToTheSameWindowAsItsItemsOneByOne() {
        List<Item> items = List.of(
                item(10, ItemPart.VALUE, "100.00", 0, null, "a"),
                item(10, ItemPart.VALUE, "-3.005", 0, null, "c"),
                item(10, ItemPart.VALUE, "9", 0, null, "b"),
                item(10, ItemPart.WITHDRAWN, "100.00", 0, null, "a"),
                item(10, ItemPart.NUMERATOR, "2.5", 0, null, "d"),
                item(10, ItemPart.DENOMINATOR, "4", 0, null, "d"),
                item(10, ItemPart.CLAIM, "3", 0, null, "e"),
                item(10, ItemPart.OUTCOME, null, 2, null, "f"),
                item(10, ItemPart.OUTCOME, null, 3, null, "g"),
                item(10, ItemPart.DURATION, null, 4_000, null, "h"),
                item(10, ItemPart.DURATION, null, 1_001, null, "i"),
                item(10, ItemPart.VALUE, null, 0, "policy-1", "j"),
                item(10, ItemPart.VALUE, null, 0, "policy-1", "k"));
        for (boolean keep : List.of(true, false)) {
            WindowAccumulator window = new WindowAccumulator();
            window.add(item(10, ItemPart.VALUE, "1.00", 5, null, "z"), keep, keep); // what the window had
            WindowAccumulator oneByOne = window.copy();
            SubjectBatch batch = new SubjectBatch();
            for (Item i : items) {
                oneByOne.add(i, keep, keep);
                batch.add(to(SubjectType.EMPLOYEE, "e-1", i));
            }
            window.merge(batch.days().get(10L), keep, keep);
            assertEquals(
                    AccumulatorText.of(oneByOne),
                    AccumulatorText.of(window),
                    "keeping samples and distinct values: " + keep);
        }
    }

    @Test
    void aBatchCrossesTheShuffleFieldForField() throws Exception {
        SubjectBatch batch = new SubjectBatch();
        batch.add(to(SubjectType.EMPLOYEE, "e-1", item(10, ItemPart.DURATION, null, 4_000, null, "h")));
        batch.add(to(SubjectType.EMPLOYEE, "e-1", item(-2, ItemPart.VALUE, "12345678901234567890.123", 0, null, "é")));
        batch.add(to(SubjectType.EMPLOYEE, "e-1", item(10, ItemPart.VALUE, null, 0, "中文", "x")));
        DataOutputSerializer out = new DataOutputSerializer(64);
        SubjectBatchTypeInfo.Serializer.INSTANCE.serialize(batch, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        SubjectBatch back = SubjectBatchTypeInfo.Serializer.INSTANCE.deserialize(in);
        assertEquals(0, in.available(), "every byte written is read back");
        assertEquals(batch.last(), back.last());
        assertEquals(describe(batch), describe(back));
        SubjectBatch copy = SubjectBatchTypeInfo.Serializer.INSTANCE.copy(batch);
        copy.days().get(10L).durationSamples.add(1L);
        assertEquals(1, batch.days().get(10L).durationSamples.size(), "a copy shares no list");
    }

    private static SubjectBatch batch(Object record) {
        return (SubjectBatch) ((StreamRecord<?>) record).getValue();
    }

    private static String describe(SubjectBatch b) {
        StringBuilder s = new StringBuilder();
        b.days()
                .forEach((day, a) ->
                        s.append(day).append(' ').append(AccumulatorText.of(a)).append('\n'));
        return s.toString();
    }
}
