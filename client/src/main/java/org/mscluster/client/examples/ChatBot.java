package org.mscluster.client.examples;

import dev.onvoid.webrtc.media.video.VideoFrame;
import java.util.List;
import org.mscluster.client.RemoteConsumer;
import org.mscluster.client.RemotePeer;
import org.mscluster.client.RoomClient;
import org.mscluster.client.RoomListener;

/**
 * A runnable example of the SDK: joins a room, publishes the test pattern and tone, answers every chat
 * message with an echo, and prints what it receives. Run it against a node or a dispatcher:
 *
 * <pre>
 * java -cp cli/target/mscluster.jar org.mscluster.client.examples.ChatBot ws://127.0.0.1:4443 demo [namespace token]
 * </pre>
 */
public final class ChatBot {

    private ChatBot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ChatBot URL ROOM [NAMESPACE TOKEN]");
            System.exit(2);
        }
        RoomClient[] self = new RoomClient[1];
        RoomListener listener = new RoomListener() {
            @Override
            public void onJoined(String url, List<RemotePeer> peers) {
                System.out.println("joined at " + url + " with " + peers);
            }

            @Override
            public void onPeerJoined(RemotePeer peer) {
                System.out.println(peer.displayName() + " joined");
                self[0].sendChat("hello " + peer.displayName() + ", I echo what you type");
            }

            @Override
            public void onPeerClosed(String peerId) {
                System.out.println(peerId + " left");
            }

            @Override
            public void onVideoFrame(RemoteConsumer consumer, VideoFrame frame) {
                if (consumer.framesDecoded() % 100 == 1)
                    System.out.println(consumer.peerId() + ": video " + frame.buffer.getWidth() + "x" + frame.buffer.getHeight()
                            + ", " + consumer.framesDecoded() + " frames");
            }

            @Override
            public void onChat(String peerId, String text) {
                self[0].sendChat("echo: " + text);
            }

            @Override
            public void onActiveSpeaker(String peerId, double volume) {
                if (peerId != null)
                    System.out.println("speaking: " + peerId + " (" + volume + " dB)");
            }

            @Override
            public void onClosed(String reason) {
                System.out.println("closed: " + reason);
            }
        };
        RoomClient.Builder builder = RoomClient.builder(args[0]).roomId(args[1]).peerId("chatbot-" + ProcessHandle.current().pid())
                .displayName("Chat bot").testPattern(640, 360, 15).listener(listener);
        if (args.length >= 4)
            builder.namespace(args[2]).token(args[3]);
        try (RoomClient client = builder.build()) {
            self[0] = client;
            client.join().get();
            // Until the room closes the client for good (or Ctrl-C).
            System.out.println(client.closedFuture().get());
        }
    }
}
