package org.mscluster.mediasoup.data;

import FBS.DataConsumer.AddSubchannelRequest;
import FBS.DataConsumer.AddSubchannelResponse;
import FBS.DataConsumer.BufferedAmountLowNotification;
import FBS.DataConsumer.GetBufferedAmountResponse;
import FBS.DataConsumer.GetStatsResponse;
import FBS.DataConsumer.MessageNotification;
import FBS.DataConsumer.RemoveSubchannelRequest;
import FBS.DataConsumer.RemoveSubchannelResponse;
import FBS.DataConsumer.SendRequest;
import FBS.DataConsumer.SendResponse;
import FBS.DataConsumer.SetBufferedAmountLowThresholdRequest;
import FBS.DataConsumer.SetSubchannelsRequest;
import FBS.DataConsumer.SetSubchannelsResponse;
import FBS.Notification.Event;
import FBS.Notification.Notification;
import FBS.Request.Method;
import FBS.Transport.CloseDataConsumerRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.fbs.FbsVectors;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportChild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data messages a router sends to an endpoint, as the Node layer's {@code DataConsumer}: over an
 * SCTP stream, or to the application through a DirectTransport ({@link #MESSAGE}). Emits {@link
 * #TRANSPORT_CLOSE}, {@link #DATA_PRODUCER_CLOSE}, {@link #DATA_PRODUCER_PAUSE}, {@link
 * #DATA_PRODUCER_RESUME}, {@link #MESSAGE}, {@link #SCTP_SEND_BUFFER_FULL} and {@link
 * #BUFFERED_AMOUNT_LOW}; its {@link #observer()} emits close, pause and resume.
 *
 * <p>Subchannels filter what a data producer sends with subchannels: the consumer receives a
 * message only if it is subscribed to one of the message's subchannels.
 */
public final class DataConsumer extends TransportChild {

    public static final EventType<Void> TRANSPORT_CLOSE = EventType.of("transportclose");
    public static final EventType<Void> DATA_PRODUCER_CLOSE = EventType.of("dataproducerclose");
    public static final EventType<Void> DATA_PRODUCER_PAUSE = EventType.of("dataproducerpause");
    public static final EventType<Void> DATA_PRODUCER_RESUME = EventType.of("dataproducerresume");
    /** A message for a consumer of a DirectTransport. */
    public static final EventType<DataConsumerMessage> MESSAGE = EventType.of("message");
    public static final EventType<Void> SCTP_SEND_BUFFER_FULL = EventType.of("sctpsendbufferfull");
    /** The SCTP send buffer went under the threshold; payload: the buffered amount in bytes. */
    public static final EventType<Long> BUFFERED_AMOUNT_LOW = EventType.of("bufferedamountlow");

    public static final EventType<Void> OBSERVER_CLOSE = EventType.of("close");
    public static final EventType<Void> OBSERVER_PAUSE = EventType.of("pause");
    public static final EventType<Void> OBSERVER_RESUME = EventType.of("resume");

    /** Node's {@code '@close'}: the application closed the data consumer; for its transport. */
    public static final EventType<Void> INTERNAL_CLOSE = EventType.of("@close");
    /** Node's {@code '@dataproducerclose'}: closed with its data producer; for its transport. */
    public static final EventType<Void> INTERNAL_DATA_PRODUCER_CLOSE = EventType.of("@dataproducerclose");

    private static final Logger LOG = LoggerFactory.getLogger(DataConsumer.class);

    private final DataConsumerInternal internal;
    private final DataConsumerData data;
    private volatile boolean paused;
    private volatile boolean dataProducerPaused;
    private volatile List<Integer> subchannels;

    /**
     * For {@code Transport.consumeData()}, with what the consume-data response says. The transport
     * must have called {@code channel.buffer(dataConsumerId)} before its request.
     */
    public DataConsumer(DataConsumerInternal internal, DataConsumerData data, Channel channel, boolean paused,
            boolean dataProducerPaused, List<Integer> subchannels, Map<String, Object> appData) {
        super(channel, appData);
        this.internal = internal;
        this.data = data;
        this.paused = paused;
        this.dataProducerPaused = dataProducerPaused;
        this.subchannels = subchannels == null ? List.of() : List.copyOf(subchannels);
        channel.subscribe(internal.dataConsumerId(), this::onNotification);
    }

    public String id() {
        return internal.dataConsumerId();
    }

    public String dataProducerId() {
        return data.dataProducerId();
    }

    public DataConsumerType type() {
        return data.type();
    }

    /** {@code null} for a direct data consumer. */
    public SctpStreamParameters sctpStreamParameters() {
        return data.sctpStreamParameters();
    }

    public String label() {
        return data.label();
    }

    public String protocol() {
        return data.protocol();
    }

    public boolean paused() {
        return paused;
    }

    public boolean dataProducerPaused() {
        return dataProducerPaused;
    }

    public List<Integer> subchannels() {
        return subchannels;
    }

    Channel channelForTesting() {
        return channel;
    }
    @Override
    public CompletableFuture<?> requestClose() {
        return channel.request(Method.TRANSPORT_CLOSE_DATACONSUMER, internal.transportId(),
                FBS.Request.Body.Transport_CloseDataConsumerRequest,
                builder -> CloseDataConsumerRequest.createCloseDataConsumerRequest(builder, builder.createString(id())));
    }

    public CompletableFuture<DataConsumerDump> dump() {
        return channel.request(Method.DATACONSUMER_DUMP, id()).thenApply(response -> DataConsumerDump.fromFbs(
                (FBS.DataConsumer.DumpResponse) response.body(new FBS.DataConsumer.DumpResponse())));
    }

    public CompletableFuture<List<DataConsumerStat>> getStats() {
        return channel.request(Method.DATACONSUMER_GET_STATS, id()).thenApply(response -> List.of(
                DataConsumerStat.fromFbs((GetStatsResponse) response.body(new GetStatsResponse()))));
    }

    public CompletableFuture<Void> pause() {
        LOG.debug("pause() [id:{}]", id());
        return channel.request(Method.DATACONSUMER_PAUSE, id()).thenAccept(response -> {
            boolean wasPaused = paused;
            paused = true;
            if (!wasPaused && !dataProducerPaused) {
                observer().emit(OBSERVER_PAUSE);
            }
        });
    }

    public CompletableFuture<Void> resume() {
        LOG.debug("resume() [id:{}]", id());
        return channel.request(Method.DATACONSUMER_RESUME, id()).thenAccept(response -> {
            boolean wasPaused = paused;
            paused = false;
            if (wasPaused && !dataProducerPaused) {
                observer().emit(OBSERVER_RESUME);
            }
        });
    }

    /** Makes the worker emit {@link #BUFFERED_AMOUNT_LOW} when the SCTP send buffer falls under {@code threshold} bytes. */
    public CompletableFuture<Void> setBufferedAmountLowThreshold(long threshold) {
        LOG.debug("setBufferedAmountLowThreshold() [threshold:{}]", threshold);
        return channel.request(Method.DATACONSUMER_SET_BUFFERED_AMOUNT_LOW_THRESHOLD, id(),
                FBS.Request.Body.DataConsumer_SetBufferedAmountLowThresholdRequest,
                builder -> SetBufferedAmountLowThresholdRequest.createSetBufferedAmountLowThresholdRequest(builder, threshold))
                .thenApply(response -> null);
    }

    /** Bytes waiting in the SCTP send buffer. */
    public CompletableFuture<Long> getBufferedAmount() {
        return channel.request(Method.DATACONSUMER_GET_BUFFERED_AMOUNT, id()).thenApply(response ->
                ((GetBufferedAmountResponse) response.body(new GetBufferedAmountResponse())).bufferedAmount());
    }

    /** Sends a text message to the endpoint (PPID 51, or 56 if empty); completes with the buffered amount. */
    public CompletableFuture<Long> send(String message) {
        return send(message, null);
    }

    public CompletableFuture<Long> send(String message, Integer ppid) {
        if (message == null) {
            return CompletableFuture.failedFuture(new TypeError("message must be a string or a Buffer"));
        }
        return sendPayload(message.getBytes(StandardCharsets.UTF_8), true, ppid);
    }

    /** Sends a binary message to the endpoint (PPID 53, or 57 if empty); completes with the buffered amount. */
    public CompletableFuture<Long> send(byte[] message) {
        return send(message, null);
    }

    public CompletableFuture<Long> send(byte[] message, Integer ppid) {
        if (message == null) {
            return CompletableFuture.failedFuture(new TypeError("message must be a string or a Buffer"));
        }
        return sendPayload(message, false, ppid);
    }

    private CompletableFuture<Long> sendPayload(byte[] message, boolean text, Integer ppid) {
        int effectivePpid = DataMessages.ppidOf(message, text, ppid);
        byte[] payload = DataMessages.payloadFor(message, effectivePpid);
        return channel.request(Method.DATACONSUMER_SEND, id(), FBS.Request.Body.DataConsumer_SendRequest,
                builder -> SendRequest.createSendRequest(builder, Integer.toUnsignedLong(effectivePpid),
                        SendRequest.createDataVector(builder, payload)))
                .thenApply(response -> {
                    SendResponse body = (SendResponse) response.body(new SendResponse());
                    return body == null ? 0L : body.bufferedAmount();
                });
    }

    public CompletableFuture<Void> setSubchannels(List<Integer> subchannels) {
        // Not List.contains(null): immutable lists throw on it.
        if (subchannels == null || subchannels.stream().anyMatch(java.util.Objects::isNull)) {
            return CompletableFuture.failedFuture(new TypeError("subchannels must be an array of numbers"));
        }
        int[] values = FbsVectors.toArray(subchannels);
        return channel.request(Method.DATACONSUMER_SET_SUBCHANNELS, id(),
                FBS.Request.Body.DataConsumer_SetSubchannelsRequest,
                builder -> SetSubchannelsRequest.createSetSubchannelsRequest(builder,
                        SetSubchannelsRequest.createSubchannelsVector(builder, values)))
                .thenAccept(response -> {
                    SetSubchannelsResponse body = (SetSubchannelsResponse) response.body(new SetSubchannelsResponse());
                    this.subchannels = FbsVectors.ints(body.subchannelsLength(), body::subchannels);
                });
    }

    public CompletableFuture<Void> addSubchannel(int subchannel) {
        return channel.request(Method.DATACONSUMER_ADD_SUBCHANNEL, id(),
                FBS.Request.Body.DataConsumer_AddSubchannelRequest,
                builder -> AddSubchannelRequest.createAddSubchannelRequest(builder, subchannel))
                .thenAccept(response -> {
                    AddSubchannelResponse body = (AddSubchannelResponse) response.body(new AddSubchannelResponse());
                    this.subchannels = FbsVectors.ints(body.subchannelsLength(), body::subchannels);
                });
    }

    public CompletableFuture<Void> removeSubchannel(int subchannel) {
        return channel.request(Method.DATACONSUMER_REMOVE_SUBCHANNEL, id(),
                FBS.Request.Body.DataConsumer_RemoveSubchannelRequest,
                builder -> RemoveSubchannelRequest.createRemoveSubchannelRequest(builder, subchannel))
                .thenAccept(response -> {
                    RemoveSubchannelResponse body = (RemoveSubchannelResponse) response.body(new RemoveSubchannelResponse());
                    this.subchannels = FbsVectors.ints(body.subchannelsLength(), body::subchannels);
                });
    }

    private void onNotification(Notification notification) {
        switch (notification.event()) {
            case Event.DATACONSUMER_DATAPRODUCER_CLOSE -> {
                if (!markClosed()) {
                    return;
                }
                channel.unsubscribe(id());
                emit(INTERNAL_DATA_PRODUCER_CLOSE);
                emit(DATA_PRODUCER_CLOSE);
                observer().emit(OBSERVER_CLOSE);
            }
            case Event.DATACONSUMER_DATAPRODUCER_PAUSE -> {
                if (dataProducerPaused) {
                    return;
                }
                dataProducerPaused = true;
                emit(DATA_PRODUCER_PAUSE);
                if (!paused) {
                    observer().emit(OBSERVER_PAUSE);
                }
            }
            case Event.DATACONSUMER_DATAPRODUCER_RESUME -> {
                if (!dataProducerPaused) {
                    return;
                }
                dataProducerPaused = false;
                emit(DATA_PRODUCER_RESUME);
                if (!paused) {
                    observer().emit(OBSERVER_RESUME);
                }
            }
            case Event.DATACONSUMER_SCTP_SENDBUFFER_FULL -> emit(SCTP_SEND_BUFFER_FULL);
            case Event.DATACONSUMER_BUFFERED_AMOUNT_LOW -> {
                BufferedAmountLowNotification body =
                        (BufferedAmountLowNotification) notification.body(new BufferedAmountLowNotification());
                emit(BUFFERED_AMOUNT_LOW, body.bufferedAmount());
            }
            case Event.DATACONSUMER_MESSAGE -> {
                if (closed()) {
                    return;
                }
                MessageNotification body = (MessageNotification) notification.body(new MessageNotification());
                ByteBuffer bytes = body.dataAsByteBuffer();
                byte[] message = new byte[bytes.remaining()];
                bytes.get(message);
                emit(MESSAGE, new DataConsumerMessage(message, (int) body.ppid()));
            }
            default -> LOG.error("ignoring unknown event {}", Event.name(notification.event()));
        }
    }
}
