# syntax=docker/dockerfile:1
# The gateway's container image: `docker build -t workspace-script-gateway .`
# Base images are build arguments so that the same file builds against a mirror or local stand-ins
# (deploy/image-test builds it where no registry is reachable). Nothing secret, no policy and no
# database file is baked in: configuration comes from the environment and mounted files at run time.
ARG BUILD_IMAGE=eclipse-temurin:25-jdk
ARG BASE_IMAGE=eclipse-temurin:25-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/main/ src/main/
# the Maven distribution and the dependencies stay in a cache mount between builds
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -Dmaven.test.skip=true package \
    && cp target/workspace-script-gateway-*.jar workspace-script-gateway.jar \
    && java -Djarmode=tools -jar workspace-script-gateway.jar extract --layers --destination extracted

FROM ${BASE_IMAGE}
ARG UID=10001
ARG GID=10001
# must equal the ENTRYPOINT's settings: the AOT cache is only used by a JVM started like its training run
ARG JVM_OPTIONS="-XX:+UseSerialGC -Xms128m -Xmx128m -XX:SurvivorRatio=6 -XX:TargetSurvivorRatio=90 -XX:MetaspaceSize=100m -XX:+UseCompactObjectHeaders -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
# glibc keeps fewer malloc arenas (README.md, Production)
ENV MALLOC_ARENA_MAX=2
RUN groupadd --system --gid "${GID}" gateway \
    && useradd --system --uid "${UID}" --gid gateway --home-dir /app --no-create-home --shell /usr/sbin/nologin gateway
WORKDIR /app
# least to most often changed, so that a code change rebuilds only the last layer
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# JDK AOT cache (JEP 483/514) from a training run that starts the context and exits. Its dummy
# configuration (no real credentials, a throwaway policy, an in-memory database) lives only in
# this step; the classes it loads are the same in production.
RUN printf 'teams:\n  training:\n    api-keys:\n      - id: training\n        sha256: "%s"\n    pools: []\n    scripts: []\n    max-desktops: 1\n    max-execution-timeout: 1\n    rate-limit: { requests: 1, per: 1m }\n' \
        0000000000000000000000000000000000000000000000000000000000000000 > /tmp/training-policy.yaml \
    && java ${JVM_OPTIONS} -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh \
        -Dserver.port=0 -Dmanagement.server.port=0 -Dlogging.structured.format.console= \
        -Dgateway.policy.location=/tmp/training-policy.yaml \
        -Dspring.datasource.url='jdbc:h2:mem:training;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH' \
        -Dworkspace.endpoint=http://127.0.0.1:9 -Dworkspace.project-id=00000000000000000000000000000000 \
        -Dworkspace.credentials.access-key=aot-training-only -Dworkspace.credentials.secret-key=aot-training-only-not-a-secret \
        -jar workspace-script-gateway.jar > /tmp/training.log 2>&1 \
    || { cat /tmp/training.log; exit 1; } \
    ; rm -rf /tmp/training-policy.yaml /tmp/training.log /tmp/hsperfdata_root \
    && test -s app.aot
USER ${UID}:${GID}
EXPOSE 8080 8081
# the JVM settings of README.md (Production) that the benchmark measures, as in the training run above;
# exit (and be restarted) on OOM
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms128m", "-Xmx128m", "-XX:SurvivorRatio=6", "-XX:TargetSurvivorRatio=90", \
            "-XX:MetaspaceSize=100m", "-XX:+UseCompactObjectHeaders", "-XX:TrimNativeHeapInterval=5000", \
            "-XX:+ExitOnOutOfMemoryError", "-XX:AOTCache=app.aot", "-jar", "workspace-script-gateway.jar"]
