# The engine image for engine.yaml: Flink's official image with the engine's application jar in usrlib, where the
# FlinkDeployment's jobSpec.jarURI (local:///opt/flink/usrlib/kpi-jobs.jar) finds it. Build from the repository
# root after `mvn -B package -DskipTests` (see deploy/OPERATIONS.md).
FROM flink:2.2.0-scala_2.12-java17
COPY --chown=flink:flink jobs/target/kpi-jobs-0.1.0-SNAPSHOT-flink-job.jar /opt/flink/usrlib/kpi-jobs.jar
