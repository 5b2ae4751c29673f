package org.mscluster.signaling.it;

import org.mscluster.signaling.NodeConfig;
import org.mscluster.signaling.NodeServer;

/**
 * A standalone node for development and benchmarks, without the CLI:
 * {@code java -cp … org.mscluster.signaling.it.DevNode [port] [workers] [listenIp]}. Runs until killed.
 */
public final class DevNode {

    private DevNode() {
    }

    public static void main(String[] args) throws Exception {
        NodeServer node = new NodeServer(NodeConfig.builder()
                .port(args.length > 0 ? Integer.parseInt(args[0]) : NodeConfig.DEFAULT_PORT)
                .workers(args.length > 1 ? Integer.parseInt(args[1]) : 1)
                .listenIp(args.length > 2 ? args[2] : "127.0.0.1")
                .build()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        System.out.println("serving " + node.url());
        Thread.currentThread().join();
    }
}
