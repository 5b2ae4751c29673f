package org.mscluster.cli.egress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Webhooks received on 127.0.0.1 (the JDK's server), answered 204, kept in arrival order. */
public final class HookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    private HookReceiver(HttpServer server) {
        this.server = server;
    }

    public static HookReceiver start() throws IOException {
        HookReceiver receiver = new HookReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        receiver.server.createContext("/hooks", exchange -> {
            receiver.received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.server.start();
        return receiver;
    }

    /** {@code NAMESPACE=URL}, as {@code --webhook} and {@code WebhookSettings.parse} take it. */
    public String setting(String namespace) {
        return namespace + "=http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The webhooks of one egress, in the order they came. */
    public List<JsonNode> ofEgress(String egressId) {
        return received.stream().filter(h -> h.at("/egress/egressId").asText().equals(egressId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
