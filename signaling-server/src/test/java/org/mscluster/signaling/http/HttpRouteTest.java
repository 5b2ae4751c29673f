package org.mscluster.signaling.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpRouteTest {

    private static HttpRoute at(String path) {
        return new HttpRoute() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
            }
        };
    }

    @Test
    void aRouteTakesItsPathAndWhatLiesUnderIt() {
        HttpRoute rooms = at("/api/rooms");
        assertThat(rooms.matches("/api/rooms")).isTrue();
        assertThat(rooms.matches("/api/rooms/acme/r1")).isTrue();
        assertThat(rooms.matches("/api/roomsX")).isFalse();
        assertThat(rooms.matches("/api")).isFalse();
        assertThat(at("/").matches("/anything")).isTrue();
    }

    @Test
    void segmentsAreDecodedOneByOne() {
        AtomicReference<RouteRequest> seen = new AtomicReference<>();
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seen.set(RouteRequest.of(ctx, (FullHttpRequest) msg));
            }
        });
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.DELETE,
                "/api/rooms/acme/a%2Fb%20c+d/peers/p%C3%A9?token=t1");
        request.headers().set("Authorization", "Bearer abc");
        channel.writeInbound(request);
        RouteRequest route = seen.get();
        assertThat(route.segments()).isEqualTo(List.of("api", "rooms", "acme", "a/b c+d", "peers", "pé"));
        assertThat(route.bearerToken()).isEqualTo("abc");
        assertThat(route.parameter("token")).isEqualTo("t1");
        assertThat(route.method()).isEqualTo(HttpMethod.DELETE);
    }
}
