# Build stage: compile and package the fat jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY src src
COPY webroot webroot
RUN mvn -q -B -DskipTests package

# Run stage: a JRE, the jar, the board and the default config, as a non-root user.
FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /app cairn
WORKDIR /app
COPY --from=build /src/target/cairn-*.jar /app/cairn.jar
COPY webroot /app/webroot
COPY config /app/config
RUN mkdir -p /app/data && chown -R cairn:cairn /app
USER cairn
# An application class-data archive (AppCDS) from a training run: a node, its embedded Redis, one
# board page and one WebSocket, then exit. Starts map these classes instead of loading them one by
# one (measured: `bench/run.sh coldstart`, docs in bench/RESULTS.md).
RUN java -XX:ArchiveClassesAtExit=/app/cairn.jsa -jar /app/cairn.jar train
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=15s --timeout=3s CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/cairn.jsa", "-jar", "/app/cairn.jar"]
