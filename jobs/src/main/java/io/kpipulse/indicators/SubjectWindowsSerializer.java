package io.kpipulse.indicators;

import io.kpipulse.catalog.WindowType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Field by field for {@link SubjectWindows} and the {@link WindowAccumulator}s in it, instead of the POJO
 * serializer's reflection. The heap state backend calls {@link #copy} on a key touched while a snapshot is
 * written (copy-on-write), so copies are deep. Nullable values carry a presence byte, collections their size.
 */
public final class SubjectWindowsSerializer extends TypeSerializerSingleton<SubjectWindows> {

    private static final long serialVersionUID = 1L;
    static final SubjectWindowsSerializer INSTANCE = new SubjectWindowsSerializer();
    private static final WindowType[] TYPES = WindowType.values();
    private static final TypeSerializer<SubjectItem> ITEMS = SubjectItemTypeInfo.Serializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SubjectWindows createInstance() {
        return new SubjectWindows();
    }

    @Override
    public SubjectWindows copy(SubjectWindows from) {
        List<WindowInstance> calendar = new ArrayList<>(from.calendar.size());
        for (WindowInstance w : from.calendar) {
            calendar.add(new WindowInstance(w.type, w.startDay, w.endDay, w.acc.copy()));
        }
        TreeMap<Long, WindowAccumulator> daily = new TreeMap<>();
        from.daily.forEach((day, acc) -> daily.put(day, acc.copy()));
        EnumMap<WindowType, WindowAccumulator> closed = new EnumMap<>(WindowType.class);
        from.closedDays.forEach((type, acc) -> closed.put(type, acc.copy()));
        SubjectWindows c = new SubjectWindows(calendar, daily, closed, new TreeSet<>(from.changedDays));
        copyScalars(from, c);
        return c;
    }

    @Override
    public SubjectWindows copy(SubjectWindows from, SubjectWindows reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SubjectWindows s, DataOutputView out) throws IOException {
        out.writeInt(s.calendar.size());
        for (WindowInstance w : s.calendar) {
            out.writeByte(w.type.ordinal());
            out.writeLong(w.startDay);
            out.writeLong(w.endDay);
            writeAccumulator(w.acc, out);
        }
        out.writeInt(s.daily.size());
        for (Map.Entry<Long, WindowAccumulator> e : s.daily.entrySet()) {
            out.writeLong(e.getKey());
            writeAccumulator(e.getValue(), out);
        }
        out.writeInt(s.closedDays.size());
        for (Map.Entry<WindowType, WindowAccumulator> e : s.closedDays.entrySet()) {
            out.writeByte(e.getKey().ordinal());
            writeAccumulator(e.getValue(), out);
        }
        out.writeInt(s.changedDays.size());
        for (long day : s.changedDays) {
            out.writeLong(day);
        }
        out.writeBoolean(s.rollingDirty);
        out.writeLong(s.publishedAsOf);
        out.writeBoolean(s.lastItem != null);
        if (s.lastItem != null) {
            ITEMS.serialize(s.lastItem, out);
        }
        out.writeLong(s.flushAt);
        out.writeBoolean(s.endTimer);
        out.writeLong(s.midnight);
    }

    @Override
    public SubjectWindows deserialize(DataInputView in) throws IOException {
        int n = in.readInt();
        List<WindowInstance> calendar = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            WindowType type = TYPES[in.readByte()];
            long start = in.readLong();
            long end = in.readLong();
            calendar.add(new WindowInstance(type, start, end, readAccumulator(in)));
        }
        TreeMap<Long, WindowAccumulator> daily = new TreeMap<>();
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            long day = in.readLong();
            daily.put(day, readAccumulator(in));
        }
        EnumMap<WindowType, WindowAccumulator> closed = new EnumMap<>(WindowType.class);
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            WindowType type = TYPES[in.readByte()];
            closed.put(type, readAccumulator(in));
        }
        TreeSet<Long> changed = new TreeSet<>();
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            changed.add(in.readLong());
        }
        SubjectWindows s = new SubjectWindows(calendar, daily, closed, changed);
        s.rollingDirty = in.readBoolean();
        s.publishedAsOf = in.readLong();
        s.lastItem = in.readBoolean() ? ITEMS.deserialize(in) : null;
        s.flushAt = in.readLong();
        s.endTimer = in.readBoolean();
        s.midnight = in.readLong();
        return s;
    }

    @Override
    public SubjectWindows deserialize(SubjectWindows reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<SubjectWindows> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void copyScalars(SubjectWindows from, SubjectWindows to) {
        to.rollingDirty = from.rollingDirty;
        to.publishedAsOf = from.publishedAsOf;
        to.lastItem = from.lastItem; // immutable
        to.flushAt = from.flushAt;
        to.endTimer = from.endTimer;
        to.midnight = from.midnight;
    }

    static void writeAccumulator(WindowAccumulator a, DataOutputView out) throws IOException {
        out.writeLong(a.items);
        out.writeLong(a.parts);
        writeDecimal(a.sum, out);
        writeDecimal(a.numerator, out);
        writeDecimal(a.denominator, out);
        writeDecimal(a.claimed, out);
        out.writeLong(a.outcomes);
        out.writeLong(a.flagged);
        out.writeLong(a.durations);
        out.writeLong(a.durationSumMillis);
        out.writeBoolean(a.durationSamples != null);
        if (a.durationSamples != null) {
            out.writeInt(a.durationSamples.size());
            for (long sample : a.durationSamples) {
                out.writeLong(sample);
            }
        }
        writeDecimal(a.min, out);
        writeDecimal(a.max, out);
        out.writeLong(a.lastTime);
        writeString(a.lastEventId, out);
        writeDecimal(a.lastValue, out);
        out.writeBoolean(a.distinct != null);
        if (a.distinct != null) {
            out.writeInt(a.distinct.size());
            for (String value : a.distinct) {
                out.writeUTF(value);
            }
        }
        out.writeLong(a.lastEventTime);
        out.writeBoolean(a.unpublished);
    }

    static WindowAccumulator readAccumulator(DataInputView in) throws IOException {
        WindowAccumulator a = new WindowAccumulator();
        a.items = in.readLong();
        a.parts = in.readLong();
        a.sum = readDecimal(in);
        a.numerator = readDecimal(in);
        a.denominator = readDecimal(in);
        a.claimed = readDecimal(in);
        a.outcomes = in.readLong();
        a.flagged = in.readLong();
        a.durations = in.readLong();
        a.durationSumMillis = in.readLong();
        if (in.readBoolean()) {
            int n = in.readInt();
            a.durationSamples = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                a.durationSamples.add(in.readLong());
            }
        }
        a.min = readDecimal(in);
        a.max = readDecimal(in);
        a.lastTime = in.readLong();
        a.lastEventId = readString(in);
        a.lastValue = readDecimal(in);
        if (in.readBoolean()) {
            int n = in.readInt();
            a.distinct = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                a.distinct.add(in.readUTF());
            }
        }
        a.lastEventTime = in.readLong();
        a.unpublished = in.readBoolean();
        return a;
    }

    private static void writeDecimal(BigDecimal d, DataOutputView out) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) {
            byte[] unscaled = d.unscaledValue().toByteArray();
            out.writeInt(d.scale());
            out.writeInt(unscaled.length);
            out.write(unscaled);
        }
    }

    private static BigDecimal readDecimal(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int scale = in.readInt();
        byte[] unscaled = new byte[in.readInt()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static void writeString(String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readString(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** The serializer has no configuration: restoring means the same serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SubjectWindows> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
