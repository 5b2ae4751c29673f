package org.mscluster.signaling.metrics;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.http.HttpRoute;

/**
 * {@code GET /metrics}: the registry in Prometheus' text format 0.0.4, which every Prometheus reads.
 * Scraping runs the gauges' functions, which only read the latest sample: cheap enough for an
 * event loop.
 */
public final class MetricsRoute implements HttpRoute {

    /** The text exposition format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoute(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String path() {
        return "/metrics";
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            HttpResponses.sendError(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET on /metrics");
            return;
        }
        if (!request.uri().equals("/metrics") && !request.uri().startsWith("/metrics?")) {
            HttpResponses.sendError(ctx, request, HttpResponseStatus.NOT_FOUND, "not found: " + request.uri());
            return;
        }
        byte[] body = registry.scrape(CONTENT_TYPE).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        HttpResponses.send(ctx, request, response);
    }
}
