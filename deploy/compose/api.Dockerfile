# The API image: the module's jar and its runtime dependencies, as `mvn package` and
# `dependency:copy-dependencies` leave them in api/target (see deploy/compose/README.md, step 1).
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 kpi
COPY api/target/lib/ /opt/kpi-api/lib/
COPY api/target/kpi-api-0.1.0-SNAPSHOT.jar /opt/kpi-api/lib/
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/kpi-api/lib/*", "io.kpipulse.api.ApiMain"]
