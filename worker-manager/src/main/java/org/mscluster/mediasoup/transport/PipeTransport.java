package org.mscluster.mediasoup.transport;

import FBS.PipeTransport.ConnectRequest;
import FBS.PipeTransport.ConnectResponse;
import FBS.PipeTransport.DumpResponse;
import FBS.PipeTransport.GetStatsResponse;
import FBS.Request.Body;
import FBS.Request.Method;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerData;
import org.mscluster.mediasoup.consumer.ConsumerInternal;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.consumer.ConsumerType;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.rtp.RtpParameters;

/**
 * One end of a link between two routers, on the same worker, another worker or another host: the
 * producers of one router are consumed here and produced again on the other end as they are (every
 * stream, same SSRCs), which {@link Router#pipeToRouter} sets up.
 */
public final class PipeTransport extends Transport {

    /** Arguments of {@link #connect}: the other end's address, and its SRTP key if SRTP is enabled. */
    public record ConnectParams(String ip, Integer port, SrtpParameters srtpParameters) {

        public static ConnectParams of(String ip, int port) {
            return new ConnectParams(ip, port, null);
        }
    }

    private final boolean rtx;
    private volatile TransportTuple tuple;
    private final SrtpParameters srtpParameters;

    public PipeTransport(TransportContext context, PipeTransportDump data) {
        super(context, data.sctpParameters(), data.sctpState());
        this.tuple = data.tuple();
        this.rtx = data.rtx();
        this.srtpParameters = data.srtpParameters();
        subscribeToWorker();
    }

    @Override
    public TransportType type() {
        return TransportType.PIPE;
    }

    /** Local (and, once connected, remote) address. */
    public TransportTuple tuple() {
        return tuple;
    }

    /** Whether retransmissions (RTX, NACK) run between the two ends. */
    public boolean rtx() {
        return rtx;
    }

    /** The local SRTP key to give the other end; {@code null} without SRTP. */
    public SrtpParameters srtpParameters() {
        return srtpParameters;
    }

    @Override
    public CompletableFuture<PipeTransportDump> dump() {
        return channel.request(Method.TRANSPORT_DUMP, id)
                .thenApply(response -> parseDump((DumpResponse) response.body(new DumpResponse())));
    }

    @Override
    public CompletableFuture<List<PipeTransportStat>> getStats() {
        return channel.request(Method.TRANSPORT_GET_STATS, id).thenApply(response -> {
            GetStatsResponse stats = (GetStatsResponse) response.body(new GetStatsResponse());
            return List.of(new PipeTransportStat(TransportFbs.baseStats(stats.base()), TransportFbs.tuple(stats.tuple())));
        });
    }

    /** Tells where the other end listens, and its SRTP key (required with SRTP, refused without). */
    public CompletableFuture<Void> connect(ConnectParams params) {
        if (params == null) {
            return CompletableFuture.failedFuture(new TypeError("missing ip"));
        }
        return channel.request(Method.PIPETRANSPORT_CONNECT, id, Body.PipeTransport_ConnectRequest, builder -> {
            // ip is required by the schema: an empty one leaves the refusal to the worker, as in Node.
            int ip = builder.createString(params.ip() == null ? "" : params.ip());
            int srtp = params.srtpParameters() == null ? 0 : TransportFbs.srtpParameters(builder, params.srtpParameters());
            ConnectRequest.startConnectRequest(builder);
            ConnectRequest.addIp(builder, ip);
            if (params.port() != null) {
                TransportFbs.forced(builder, () -> ConnectRequest.addPort(builder, params.port()));
            }
            if (srtp != 0) {
                ConnectRequest.addSrtpParameters(builder, srtp);
            }
            return ConnectRequest.endConnectRequest(builder);
        }).thenApply(response -> {
            ConnectResponse connected = (ConnectResponse) response.body(new ConnectResponse());
            if (connected.tuple() != null) {
                tuple = TransportFbs.tuple(connected.tuple());
            }
            return null;
        });
    }

    /**
     * Consumes a producer of the router for the other end of the pipe: every stream as it is (only
     * {@code producerId} and {@code appData} of the options apply), with RTX if the pipe has it.
     */
    @Override
    public CompletableFuture<Consumer> consume(ConsumerOptions options) {
        Producer producer;
        RtpParameters rtpParameters;
        try {
            if (options == null || options.producerId() == null || options.producerId().isEmpty()) {
                throw new TypeError("missing producerId");
            }
            producer = router.producer(options.producerId());
            if (producer == null) {
                throw new NotFoundError("Producer with id \"" + options.producerId() + "\" not found");
            }
            rtpParameters = Ortc.getPipeConsumerRtpParameters(producer.consumableRtpParameters(), rtx);
        } catch (MediasoupException e) {
            return CompletableFuture.failedFuture(e);
        }
        String consumerId = UUID.randomUUID().toString();
        channel.buffer(consumerId);
        return channel.request(Method.TRANSPORT_CONSUME, id, Body.Transport_ConsumeRequest,
                builder -> TransportRequests.consume(builder, producer, consumerId, rtpParameters, false, null, false, true))
                .thenApply(response -> {
                    FBS.Transport.ConsumeResponse consumed = (FBS.Transport.ConsumeResponse) response.body(new FBS.Transport.ConsumeResponse());
                    // Node gives pipe consumers no score or layers from the response: they start from the defaults.
                    return addConsumer(new Consumer(new ConsumerInternal(routerId, id, consumerId),
                            new ConsumerData(options.producerId(), producer.kind(), rtpParameters, ConsumerType.PIPE),
                            channel, options.appData(), consumed.paused(), consumed.producerPaused(), null, null));
                })
                .whenComplete((consumer, error) -> {
                    if (error != null) {
                        channel.unsubscribe(consumerId);
                    }
                });
    }

    public static PipeTransportDump parseDump(DumpResponse dump) {
        return new PipeTransportDump(
                TransportFbs.baseDump(dump.base()),
                TransportFbs.tuple(dump.tuple()),
                dump.rtx(),
                TransportFbs.srtpParameters(dump.srtpParameters()));
    }
}
