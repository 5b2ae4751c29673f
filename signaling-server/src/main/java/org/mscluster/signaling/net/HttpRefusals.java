package org.mscluster.signaling.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.protoo.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests Netty's HTTP decoder could not read, as JSON and before any route or the
 * WebSocket handshake sees them: a request line over {@link HttpLimits#maxUrlBytes()} gets 414, headers
 * over {@link HttpLimits#maxHeaderBytes()} 431 (both counted in {@link Refusals}), anything else
 * malformed 400; the connection is closed after the answer (the decoder reads nothing more from it,
 * see {@link HttpResponses#sendErrorAndClose}).
 * Goes right after the aggregator, whose {@link #aggregator} answers bodies over the limit with 413.
 */
public final class HttpRefusals extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRefusals.class);

    private final HttpLimits limits;
    private final Refusals refusals;

    public HttpRefusals(HttpLimits limits, Refusals refusals) {
        this.limits = limits;
        this.refusals = refusals;
    }

    /** Netty's aggregator, with a JSON 413 (counted) instead of its empty one for a body over the limit. */
    public static HttpObjectAggregator aggregator(HttpLimits limits, Refusals refusals) {
        return new HttpObjectAggregator(limits.maxBodyBytes()) {
            @Override
            protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
                refusals.count(Refusals.Reason.BODY_SIZE);
                LOG.debug("{}: request body over {} bytes", ctx.channel().remoteAddress(), limits.maxBodyBytes());
                HttpResponses.sendErrorAndClose(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                        "request body over " + limits.maxBodyBytes() + " bytes");
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && !request.decoderResult().isSuccess()) {
            try {
                refuse(ctx, request.decoderResult().cause());
            } finally {
                request.release();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            refusals.count(Refusals.Reason.URL_SIZE);
            LOG.debug("{}: request line over {} bytes", ctx.channel().remoteAddress(), limits.maxUrlBytes());
            HttpResponses.sendErrorAndClose(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG,
                    "request line (method, URL, version) over " + limits.maxUrlBytes() + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            refusals.count(Refusals.Reason.HEADER_SIZE);
            LOG.debug("{}: request headers over {} bytes", ctx.channel().remoteAddress(), limits.maxHeaderBytes());
            HttpResponses.sendErrorAndClose(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "request headers over " + limits.maxHeaderBytes() + " bytes");
        } else {
            LOG.debug("{}: malformed request: {}", ctx.channel().remoteAddress(), String.valueOf(cause));
            HttpResponses.sendErrorAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
        }
    }
}
