# One image for media nodes and dispatchers: `docker run … mscluster node start …` or `… dispatcher start …`.
FROM debian:12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
      ca-certificates default-jdk-headless maven nodejs npm \
      cmake ninja-build pkg-config g++ libuv1-dev libssl-dev libsrtp2-dev libabsl-dev \
      libflatbuffers-dev flatbuffers-compiler patch \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN MSCLUSTER_CACHE=/opt/mscluster/cache native/build.sh \
    && mvn -B --no-transfer-progress -DskipTests -Dmscluster.native.dir=/opt/mscluster/cache/native/current install \
    && mkdir -p /opt/mscluster/native \
    && cp -L /opt/mscluster/cache/native/current/* /opt/mscluster/native/ \
    && cp cli/target/mscluster.jar /opt/mscluster/

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
      default-jre-headless libuv1 libssl3 libsrtp2-1 libabsl20220623 util-linux \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/mscluster /opt/mscluster
ENV MSCLUSTER_NATIVE_DIR=/opt/mscluster/native
EXPOSE 4443 40000-40100/udp 40000-40100/tcp
# The image runs servers: their initial heap is touched at start, as ./mscluster does for node, media, dispatcher and bench.
ENTRYPOINT ["java", "-XX:+AlwaysPreTouch", "-jar", "/opt/mscluster/mscluster.jar"]
