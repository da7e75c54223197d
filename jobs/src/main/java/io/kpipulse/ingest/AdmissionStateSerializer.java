package io.kpipulse.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Field by field for {@link AdmissionState}. The heap state backend calls {@link #copy} on a key touched while
 * a snapshot is written (copy-on-write), so copies share no collection; records and ids are immutable.
 */
public final class AdmissionStateSerializer extends TypeSerializerSingleton<AdmissionState> {

    private static final long serialVersionUID = 1L;
    static final AdmissionStateSerializer INSTANCE = new AdmissionStateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public AdmissionState createInstance() {
        return new AdmissionState();
    }

    @Override
    public AdmissionState copy(AdmissionState from) {
        TreeMap<Long, List<RawRecord>> waiting = new TreeMap<>();
        from.waiting.forEach((t, records) -> waiting.put(t, new ArrayList<>(records)));
        TreeMap<Long, List<String>> expiries = new TreeMap<>();
        from.expiries.forEach((t, ids) -> expiries.put(t, new ArrayList<>(ids)));
        AdmissionState c = new AdmissionState(waiting, new HashSet<>(from.accepted), expiries);
        c.timer = from.timer;
        return c;
    }

    @Override
    public AdmissionState copy(AdmissionState from, AdmissionState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(AdmissionState s, DataOutputView out) throws IOException {
        out.writeInt(s.waiting.size());
        for (Map.Entry<Long, List<RawRecord>> e : s.waiting.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().size());
            for (RawRecord r : e.getValue()) {
                out.writeUTF(r.topic());
                out.writeInt(r.partition());
                out.writeLong(r.offset());
                out.writeUTF(r.key());
                // A record without a value (a tombstone) is kept as it came, and dead-lettered when released.
                out.writeInt(r.value() == null ? -1 : r.value().length);
                if (r.value() != null) {
                    out.write(r.value());
                }
                out.writeLong(r.time());
                out.writeLong(r.receivedAt());
            }
        }
        // The accepted ids are exactly the ids of the expiries: written once, with their expiry.
        out.writeInt(s.expiries.size());
        for (Map.Entry<Long, List<String>> e : s.expiries.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().size());
            for (String id : e.getValue()) {
                out.writeUTF(id);
            }
        }
        out.writeLong(s.timer);
    }

    @Override
    public AdmissionState deserialize(DataInputView in) throws IOException {
        TreeMap<Long, List<RawRecord>> waiting = new TreeMap<>();
        int times = in.readInt();
        for (int i = 0; i < times; i++) {
            long time = in.readLong();
            int n = in.readInt();
            List<RawRecord> records = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                String topic = in.readUTF();
                int partition = in.readInt();
                long offset = in.readLong();
                String key = in.readUTF();
                int length = in.readInt();
                byte[] value = null;
                if (length >= 0) {
                    value = new byte[length];
                    in.readFully(value);
                }
                records.add(new RawRecord(topic, partition, offset, key, value, in.readLong(), in.readLong()));
            }
            waiting.put(time, records);
        }
        TreeMap<Long, List<String>> expiries = new TreeMap<>();
        HashSet<String> accepted = new HashSet<>();
        times = in.readInt();
        for (int i = 0; i < times; i++) {
            long time = in.readLong();
            int n = in.readInt();
            List<String> ids = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                ids.add(in.readUTF());
            }
            accepted.addAll(ids);
            expiries.put(time, ids);
        }
        AdmissionState s = new AdmissionState(waiting, accepted, expiries);
        s.timer = in.readLong();
        return s;
    }

    @Override
    public AdmissionState deserialize(AdmissionState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<AdmissionState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration: restoring means the same serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AdmissionState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
