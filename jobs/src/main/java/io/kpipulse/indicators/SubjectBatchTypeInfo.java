package io.kpipulse.indicators;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's type of {@link SubjectBatch}: field by field, the newest item with {@link SubjectItemTypeInfo}'s
 * serializer and each day's part with the window state's accumulator format. Batches cross the shuffle to
 * the windows; they are mutable while filled, so copies are deep.
 */
public final class SubjectBatchTypeInfo extends HandSerializedType<SubjectBatch> {

    private static final long serialVersionUID = 1L;

    public SubjectBatchTypeInfo() {
        super(SubjectBatch.class, Serializer.INSTANCE);
    }

    /** Named by {@code @TypeInfo} on {@link SubjectBatch}, so every use of the type picks it up. */
    public static final class Factory extends TypeInfoFactory<SubjectBatch> {
        @Override
        public TypeInformation<SubjectBatch> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new SubjectBatchTypeInfo();
        }
    }

    /** The newest item, then the days in order, each with its accumulator. */
    public static final class Serializer extends TypeSerializerSingleton<SubjectBatch> {

        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();
        private static final TypeSerializer<SubjectItem> ITEMS = SubjectItemTypeInfo.Serializer.INSTANCE;

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public SubjectBatch createInstance() {
            return new SubjectBatch();
        }

        @Override
        public SubjectBatch copy(SubjectBatch from) {
            TreeMap<Long, WindowAccumulator> days = new TreeMap<>();
            from.days().forEach((day, acc) -> days.put(day, acc.copy()));
            return new SubjectBatch(from.last(), days);
        }

        @Override
        public SubjectBatch copy(SubjectBatch from, SubjectBatch reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(SubjectBatch b, DataOutputView out) throws IOException {
            ITEMS.serialize(b.last(), out);
            out.writeInt(b.days().size());
            for (Map.Entry<Long, WindowAccumulator> e : b.days().entrySet()) {
                out.writeLong(e.getKey());
                SubjectWindowsSerializer.writeAccumulator(e.getValue(), out);
            }
        }

        @Override
        public SubjectBatch deserialize(DataInputView in) throws IOException {
            SubjectItem last = ITEMS.deserialize(in);
            int n = in.readInt();
            TreeMap<Long, WindowAccumulator> days = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                long day = in.readLong();
                days.put(day, SubjectWindowsSerializer.readAccumulator(in));
            }
            return new SubjectBatch(last, days);
        }

        @Override
        public SubjectBatch deserialize(SubjectBatch reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<SubjectBatch> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** The serializer has no configuration: restoring means the same serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SubjectBatch> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
