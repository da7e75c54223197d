package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The window operator's state survives a checkpoint and a copy-on-write copy field for field. */
class SubjectWindowsSerializerTest {

    private static final SubjectWindowsSerializer SERIALIZER = SubjectWindowsSerializer.INSTANCE;

    private static SubjectWindows roundTrip(SubjectWindows w) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(w, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        SubjectWindows back = SERIALIZER.deserialize(in);
        assertEquals(0, in.available(), "every byte written is read back");
        return back;
    }

    /** Every field of an accumulator set, nullable ones present. */
    private static WindowAccumulator full(long seed) {
        WindowAccumulator a = new WindowAccumulator();
        a.items = seed;
        a.parts = seed + 1;
        a.sum = new BigDecimal("-12345678901234567890.05");
        a.numerator = new BigDecimal("3.5");
        a.denominator = new BigDecimal("7");
        a.claimed = new BigDecimal("0.000");
        a.outcomes = 4;
        a.flagged = 2;
        a.durations = 3;
        a.durationSumMillis = 9_000_000_000L;
        a.durationSamples = new ArrayList<>(List.of(5L, -1L, Long.MAX_VALUE));
        a.min = new BigDecimal("-1.00");
        a.max = new BigDecimal("1E+3");
        a.lastTime = 1_764_000_000_123L;
        a.lastEventId = "ev-é-1";
        a.lastValue = new BigDecimal("42.42");
        a.distinct = new TreeSet<>(List.of("b", "a", "中文"));
        a.lastEventTime = 1_764_000_000_999L;
        a.unpublished = true;
        return a;
    }

    private static SubjectItem item() {
        return new SubjectItem(
                SubjectType.EMPLOYEE,
                "e-1",
                List.of("d-team", "d-root"),
                "Asia/Shanghai",
                new Item(
                        "t-1",
                        "premium",
                        1_764_000_000_123L,
                        20_420L,
                        new Attribution("e-1", List.of("d-team", "d-root"), List.of()),
                        ItemPart.VALUE,
                        new BigDecimal("100.00"),
                        0L,
                        false,
                        null,
                        "ev-1"));
    }

    private static SubjectWindows full() {
        SubjectWindows w = new SubjectWindows();
        w.calendar.add(new WindowInstance(WindowType.DAY, 20_420, 20_420, full(1)));
        w.calendar.add(new WindowInstance(WindowType.YEAR_TO_DATE, 20_089, 20_453, new WindowAccumulator()));
        w.daily.put(20_419L, full(2));
        w.daily.put(20_420L, new WindowAccumulator());
        w.closedDays.put(WindowType.ROLLING_90D, full(3));
        w.changedDays.add(20_420L);
        w.changedDays.add(-3L);
        w.rollingDirty = true;
        w.publishedAsOf = 20_419;
        w.lastItem = item();
        w.flushAt = 1_764_000_000_200L;
        w.endTimer = true;
        w.midnight = 1_764_000_400_000L;
        return w;
    }

    /** The state as text with every field, so that two states compare field for field. */
    private static String describe(SubjectWindows w) {
        StringBuilder s = new StringBuilder();
        for (WindowInstance i : w.calendar) {
            s.append(i.type)
                    .append(' ')
                    .append(i.startDay)
                    .append("..")
                    .append(i.endDay)
                    .append(' ');
            s.append(AccumulatorText.of(i.acc)).append('\n');
        }
        w.daily.forEach((d, a) -> s.append("daily ")
                .append(d)
                .append(' ')
                .append(AccumulatorText.of(a))
                .append('\n'));
        w.closedDays.forEach((t, a) -> s.append("closed ")
                .append(t)
                .append(' ')
                .append(AccumulatorText.of(a))
                .append('\n'));
        s.append(w.changedDays).append(' ').append(w.rollingDirty).append(' ').append(w.publishedAsOf);
        s.append(' ')
                .append(w.lastItem)
                .append(' ')
                .append(w.flushAt)
                .append(' ')
                .append(w.endTimer);
        s.append(' ').append(w.midnight);
        return s.toString();
    }

    @Test
    void aStateWithEveryFieldSetComesBackFieldForField() throws Exception {
        SubjectWindows w = full();
        assertEquals(describe(w), describe(roundTrip(w)));
    }

    @Test
    void aNewKeysStateWithNothingSetComesBackEmpty() throws Exception {
        SubjectWindows w = new SubjectWindows();
        SubjectWindows back = roundTrip(w);
        assertEquals(describe(w), describe(back));
        assertEquals(SubjectWindows.NONE, back.publishedAsOf);
        assertEquals(null, back.lastItem);
    }

    @Test
    void aCopyIsDeepSoChangingTheLiveStateLeavesTheSnapshotsCopyAlone() {
        SubjectWindows live = full();
        String before = describe(live);
        SubjectWindows copy = SERIALIZER.copy(live);
        assertEquals(before, describe(copy));
        assertNotSame(live.calendar.get(0).acc, copy.calendar.get(0).acc);

        live.calendar.get(0).acc.add(item().item(), true, true);
        live.calendar.get(0).acc.durationSamples.add(7L);
        live.calendar.get(0).acc.distinct.add("z");
        live.daily.get(20_419L).durationSamples.add(8L);
        live.closedDays.get(WindowType.ROLLING_90D).distinct.add("y");
        live.changedDays.add(1L);
        live.calendar.add(new WindowInstance(WindowType.WEEK, 1, 7, new WindowAccumulator()));
        live.midnight = 0;

        assertEquals(before, describe(copy));
    }

    @Test
    void aRestoredSnapshotNamesTheSameSerializer() throws Exception {
        TypeSerializerSnapshot<SubjectWindows> snapshot = SERIALIZER.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<SubjectWindows> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        TypeSerializer<SubjectWindows> serializer = restored.restoreSerializer();
        assertEquals(SERIALIZER, serializer);
        TypeSerializerSchemaCompatibility<SubjectWindows> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertEquals(true, compatibility.isCompatibleAsIs());
    }
}
