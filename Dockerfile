# Spira Run Gateway container image.
#   docker build -t spira-run-gateway .
#   docker run -p 8080:8080 -e SPIRA_URL=... -e SPIRA_USERNAME=... -e SPIRA_API_KEY=... spira-run-gateway
# Secrets are passed at run time only; nothing secret is baked into a layer.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace

# Dependencies first: this layer is rebuilt only when the build definition changes.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline

COPY src/ src/
RUN ./mvnw -B -ntp -DskipTests package \
    && java -Djarmode=tools -jar target/spira-run-gateway.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre
LABEL org.opencontainers.image.title="spira-run-gateway" \
      org.opencontainers.image.description="Records manual test runs in Inflectra Spira with one HTTP call"

# A fixed UID/GID so Kubernetes runAsUser/fsGroup and volume ownership line up.
RUN groupadd --system --gid 10001 gateway \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin gateway \
    && mkdir -p /data \
    && chown 10001:10001 /data

WORKDIR /app
# One layer per Boot layer, least to most frequently changed, so a code change ships only the last one.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

# Heap sized from the container's memory limit; exit (and get restarted) rather than limp on after an OOM.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError" \
    GATEWAY_DATA_DIR=/data \
    SERVER_PORT=8080

EXPOSE 8080
USER 10001:10001

# Exec form: the JVM is PID 1 and receives SIGTERM itself, which starts the graceful drain.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
