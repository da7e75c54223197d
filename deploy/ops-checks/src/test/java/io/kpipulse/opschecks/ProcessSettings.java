package io.kpipulse.opschecks;

import io.kpipulse.api.ApiOptions;
import io.kpipulse.api.auth.AuthOptions;
import io.kpipulse.config.ConfigOption;
import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.storage.ClickHouseOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The environment variables each process reads: derived from the modules' own options classes. */
final class ProcessSettings {
    private ProcessSettings() {}

    static Set<String> apiVariables() {
        return variables(ApiOptions.ALL, AuthOptions.ALL, ClickHouseOptions.ALL, KafkaClientOptions.ALL);
    }

    static Set<String> engineVariables() {
        return variables(EngineOptions.ALL, ClickHouseOptions.ALL, KafkaClientOptions.ALL);
    }

    /** What production must set for the API: the local defaults would point at 127.0.0.1 or the chDB profile. */
    static final List<ConfigOption<?>> API_REQUIRED = List.of(
            ApiOptions.HOST,
            ApiOptions.KAFKA_BOOTSTRAP_SERVERS,
            ClickHouseOptions.URL,
            ClickHouseOptions.USER,
            ClickHouseOptions.PASSWORD,
            ClickHouseOptions.LOCAL_PROFILE,
            AuthOptions.ISSUER,
            AuthOptions.JWKS_URL);

    static final List<ConfigOption<?>> ENGINE_REQUIRED = List.of(
            EngineOptions.BOOTSTRAP_SERVERS,
            EngineOptions.CHECKPOINT_DIR,
            ClickHouseOptions.URL,
            ClickHouseOptions.USER,
            ClickHouseOptions.PASSWORD,
            ClickHouseOptions.LOCAL_PROFILE);

    @SafeVarargs
    private static Set<String> variables(List<ConfigOption<?>>... lists) {
        Set<String> names = new HashSet<>();
        for (List<ConfigOption<?>> list : lists) {
            list.forEach(o -> names.add(o.environmentVariable()));
        }
        return names;
    }
}
