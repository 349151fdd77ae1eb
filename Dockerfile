# syntax=docker/dockerfile:1
# One image per service, built from this repository:
#   docker build --build-arg MODULE=event-publisher -t virtdevice/event-publisher .
# docker-compose.yml builds all five. The runtime image holds the service as a layered
# Spring Boot application (dependencies change less often than our code) and runs as an
# unprivileged user.

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl "${MODULE}" -am -DskipTests package \
 && java -Djarmode=tools -jar "${MODULE}"/target/"${MODULE}"-*-exec.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system virtdevice && useradd --system --gid virtdevice --no-create-home --shell /usr/sbin/nologin virtdevice
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER virtdevice
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
