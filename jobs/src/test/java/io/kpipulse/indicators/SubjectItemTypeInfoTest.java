package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kpipulse.catalog.SubjectType;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SubjectItemTypeInfoTest {

    private static SubjectItem roundTrip(SubjectItem item) throws Exception {
        TypeSerializer<SubjectItem> serializer =
                TypeInformation.of(SubjectItem.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(item, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void flinkUsesTheHandWrittenTypeForSubjectItems() {
        assertInstanceOf(SubjectItemTypeInfo.class, TypeInformation.of(SubjectItem.class));
    }

    @Test
    void anItemComesBackEqualWithItsExactAmountPathsAndNulls() throws Exception {
        SubjectItem money = new SubjectItem(
                SubjectType.DEPARTMENT,
                "d-team",
                List.of("d-team", "d-root"),
                "Asia/Shanghai",
                new Item(
                        "t-1",
                        "premium",
                        1_764_000_000_123L,
                        20_420L,
                        new Attribution("e-1", List.of("d-team", "d-root"), List.of()),
                        ItemPart.VALUE,
                        new BigDecimal("-12345678901234567890.05"),
                        0L,
                        false,
                        null,
                        "ev-1"));
        assertEquals(money, roundTrip(money));
        SubjectItem duration = new SubjectItem(
                SubjectType.SERVED_DEPARTMENT,
                "d-claims",
                List.of("d-claims"),
                "America/New_York",
                new Item(
                        "t-1",
                        "payment_time",
                        5L,
                        0L,
                        new Attribution(null, List.of(), List.of("d-claims")),
                        ItemPart.DURATION,
                        null,
                        86_400_000L,
                        true,
                        "text",
                        null));
        assertEquals(duration, roundTrip(duration));
    }
}
