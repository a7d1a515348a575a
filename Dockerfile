# syntax=docker/dockerfile:1

# Build: the Maven wrapper on a JDK 25, then Spring Boot's layered jar extracted for cache-friendly layers.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q dependency:go-offline
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q -DskipTests package \
 && cp target/user-center-*.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --destination /extracted

# Run: a JRE 25, as an unprivileged user, dependencies first so code changes rebuild one small layer.
FROM eclipse-temurin:25-jre
# Fonts for drawing captcha images.
RUN apt-get update && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 usercenter \
 && useradd --system --uid 10001 --gid usercenter --home-dir /app --shell /usr/sbin/nologin usercenter \
 && mkdir -p /app/data && chown usercenter:usercenter /app/data
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY docker/entrypoint.sh /app/entrypoint.sh
USER usercenter
# The generated master key file (unless USERCENTER_CRYPTO_MASTER_KEY is given), uploaded avatars and the
# JDK's AOT cache (see docker/entrypoint.sh) live in /app/data.
# The JVM flags are the ones bench/ measures (bench/RESULTS.md, each kept only where it measured better):
# a 128 MB heap (the live set under load is about 75 MB; password hashes and avatar decodes run at once
# only as many as fit 30 % of it, whatever the cores (core/MemoryBudget), and hashes leave no garbage), the parallel collector (it out-ran G1 and Serial at this heap size),
# compact object headers (JDK 25, about a tenth off the heap), and two malloc arenas instead of one per
# core and thread.
ENV USERCENTER_CRYPTO_MASTER_KEY_FILE=/app/data/master.key \
    USERCENTER_AVATAR_DIRECTORY=/app/data/avatars \
    MALLOC_ARENA_MAX=2 \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
    JAVA_TOOL_OPTIONS="-XX:+UseParallelGC -Xmx128m -XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError"
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8080} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3"]
ENTRYPOINT ["/app/entrypoint.sh"]
