package io.kpipulse.opschecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.api.ApiOptions;
import io.kpipulse.api.auth.AuthOptions;
import io.kpipulse.config.ConfigOption;
import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.storage.ClickHouseOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each options class's {@code ALL} is what the job's arguments accept, what the manifests and compose files are
 * checked against and what the README's tables come from: an option declared but left out of it cannot be set
 * as a program argument and escapes those checks.
 */
class OptionsListsTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                EngineOptions.class,
                ApiOptions.class,
                AuthOptions.class,
                ClickHouseOptions.class,
                KafkaClientOptions.class
            })
    void everyDeclaredOptionIsInTheClassesList(Class<?> options) throws ReflectiveOperationException {
        Set<String> declared = new TreeSet<>();
        for (Field f : options.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                declared.add(((ConfigOption<?>) f.get(null)).key());
            }
        }
        List<?> all = (List<?>) options.getField("ALL").get(null);
        Set<String> listed =
                all.stream().map(o -> ((ConfigOption<?>) o).key()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, listed, options.getSimpleName() + ".ALL");
    }
}
