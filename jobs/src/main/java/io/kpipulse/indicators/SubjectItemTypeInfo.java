package io.kpipulse.indicators;

import io.kpipulse.catalog.SubjectType;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's type of {@link SubjectItem}: a hand-written serializer instead of the POJO serializer's Kryo
 * fallback for the department paths (generic {@code List}s), because every item crosses the shuffle to
 * its subject's windows — about four per event — and is kept as the key's last item. Immutable records:
 * copies are the same object.
 */
public final class SubjectItemTypeInfo extends HandSerializedType<SubjectItem> {

    private static final long serialVersionUID = 1L;

    public SubjectItemTypeInfo() {
        super(SubjectItem.class, Serializer.INSTANCE);
    }

    /** Named by {@code @TypeInfo} on {@link SubjectItem}, so every use of the type picks it up. */
    public static final class Factory extends TypeInfoFactory<SubjectItem> {
        @Override
        public TypeInformation<SubjectItem> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new SubjectItemTypeInfo();
        }
    }

    /** Field by field; nullable fields carry a presence byte, lists their size. */
    public static final class Serializer extends TypeSerializerSingleton<SubjectItem> {

        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();
        private static final SubjectType[] SUBJECT_TYPES = SubjectType.values();
        private static final ItemPart[] PARTS = ItemPart.values();

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public SubjectItem createInstance() {
            return null;
        }

        @Override
        public SubjectItem copy(SubjectItem from) {
            return from;
        }

        @Override
        public SubjectItem copy(SubjectItem from, SubjectItem reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(SubjectItem s, DataOutputView out) throws IOException {
            out.writeByte(s.subjectType().ordinal());
            out.writeUTF(s.subjectId());
            writeList(s.subjectPath(), out);
            out.writeUTF(s.zoneId());
            Item i = s.item();
            out.writeUTF(i.tenantId());
            out.writeUTF(i.indicatorId());
            out.writeLong(i.timeMillis());
            out.writeLong(i.epochDay());
            Attribution a = i.attribution();
            writeNullable(a.employeeId(), out);
            writeList(a.departmentPath(), out);
            writeList(a.servedPath(), out);
            out.writeByte(i.part().ordinal());
            BigDecimal amount = i.amount();
            out.writeBoolean(amount != null);
            if (amount != null) {
                byte[] unscaled = amount.unscaledValue().toByteArray();
                out.writeInt(amount.scale());
                out.writeShort(unscaled.length);
                out.write(unscaled);
            }
            out.writeLong(i.durationMillis());
            out.writeBoolean(i.flag());
            writeNullable(i.text(), out);
            writeNullable(i.eventId(), out);
        }

        @Override
        public SubjectItem deserialize(DataInputView in) throws IOException {
            SubjectType subjectType = SUBJECT_TYPES[in.readByte()];
            String subjectId = in.readUTF();
            List<String> subjectPath = readList(in);
            String zoneId = in.readUTF();
            String tenantId = in.readUTF();
            String indicatorId = in.readUTF();
            long timeMillis = in.readLong();
            long epochDay = in.readLong();
            Attribution attribution = new Attribution(readNullable(in), readList(in), readList(in));
            ItemPart part = PARTS[in.readByte()];
            BigDecimal amount = null;
            if (in.readBoolean()) {
                int scale = in.readInt();
                byte[] unscaled = new byte[in.readShort()];
                in.readFully(unscaled);
                amount = new BigDecimal(new BigInteger(unscaled), scale);
            }
            long durationMillis = in.readLong();
            boolean flag = in.readBoolean();
            String text = readNullable(in);
            String eventId = readNullable(in);
            return new SubjectItem(
                    subjectType,
                    subjectId,
                    subjectPath,
                    zoneId,
                    new Item(
                            tenantId,
                            indicatorId,
                            timeMillis,
                            epochDay,
                            attribution,
                            part,
                            amount,
                            durationMillis,
                            flag,
                            text,
                            eventId));
        }

        @Override
        public SubjectItem deserialize(SubjectItem reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<SubjectItem> snapshotConfiguration() {
            return new Snapshot();
        }

        private static void writeList(List<String> list, DataOutputView out) throws IOException {
            out.writeShort(list.size());
            for (String s : list) {
                out.writeUTF(s);
            }
        }

        private static List<String> readList(DataInputView in) throws IOException {
            int n = in.readShort();
            List<String> list = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                list.add(in.readUTF());
            }
            return List.copyOf(list);
        }

        private static void writeNullable(String s, DataOutputView out) throws IOException {
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeUTF(s);
            }
        }

        private static String readNullable(DataInputView in) throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }
    }

    /** The serializer has no configuration: restoring means the same serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SubjectItem> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
