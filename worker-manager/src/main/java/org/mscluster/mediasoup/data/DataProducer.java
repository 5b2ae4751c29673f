package org.mscluster.mediasoup.data;

import FBS.DataProducer.GetStatsResponse;
import FBS.DataProducer.SendNotification;
import FBS.Notification.Event;
import FBS.Request.Method;
import FBS.Transport.CloseDataProducerRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.fbs.FbsVectors;
import org.mscluster.mediasoup.fbs.OptionalFields;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportChild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data messages an endpoint sends into a router, as the Node layer's {@code DataProducer}: from an
 * SCTP stream, or from the application through a DirectTransport ({@link #send}). Emits {@link
 * #TRANSPORT_CLOSE}; its {@link #observer()} emits close, pause and resume. The worker sends it no
 * notifications.
 */
public final class DataProducer extends TransportChild {

    public static final EventType<Void> TRANSPORT_CLOSE = EventType.of("transportclose");

    public static final EventType<Void> OBSERVER_CLOSE = EventType.of("close");
    public static final EventType<Void> OBSERVER_PAUSE = EventType.of("pause");
    public static final EventType<Void> OBSERVER_RESUME = EventType.of("resume");

    /** Node's {@code '@close'}: the application closed the data producer; for its transport. */
    public static final EventType<Void> INTERNAL_CLOSE = EventType.of("@close");

    private static final Logger LOG = LoggerFactory.getLogger(DataProducer.class);

    // Field indexes of the optional scalars of FBS.DataProducer.SendNotification.
    private static final int REQUIRED_SUBCHANNEL = 3;
    private static final int IGNORED_SUBCHANNEL = 4;

    private final DataProducerInternal internal;
    private final DataProducerData data;
    private volatile boolean paused;

    /** For {@code Transport.produceData()}, with the data of the produce-data response. */
    public DataProducer(DataProducerInternal internal, DataProducerData data, Channel channel, boolean paused,
            Map<String, Object> appData) {
        super(channel, appData);
        this.internal = internal;
        this.data = data;
        this.paused = paused;
    }

    public String id() {
        return internal.dataProducerId();
    }

    public DataProducerType type() {
        return data.type();
    }

    /** {@code null} for a direct data producer. */
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
    @Override
    public CompletableFuture<?> requestClose() {
        return channel.request(Method.TRANSPORT_CLOSE_DATAPRODUCER, internal.transportId(),
                FBS.Request.Body.Transport_CloseDataProducerRequest,
                builder -> CloseDataProducerRequest.createCloseDataProducerRequest(builder, builder.createString(id())));
    }

    public CompletableFuture<DataProducerDump> dump() {
        return channel.request(Method.DATAPRODUCER_DUMP, id()).thenApply(response -> DataProducerDump.fromFbs(
                (FBS.DataProducer.DumpResponse) response.body(new FBS.DataProducer.DumpResponse())));
    }

    public CompletableFuture<List<DataProducerStat>> getStats() {
        return channel.request(Method.DATAPRODUCER_GET_STATS, id()).thenApply(response -> List.of(
                DataProducerStat.fromFbs((GetStatsResponse) response.body(new GetStatsResponse()))));
    }

    public CompletableFuture<Void> pause() {
        LOG.debug("pause() [id:{}]", id());
        return channel.request(Method.DATAPRODUCER_PAUSE, id()).thenAccept(response -> {
            boolean wasPaused = paused;
            paused = true;
            if (!wasPaused) {
                observer().emit(OBSERVER_PAUSE);
            }
        });
    }

    public CompletableFuture<Void> resume() {
        LOG.debug("resume() [id:{}]", id());
        return channel.request(Method.DATAPRODUCER_RESUME, id()).thenAccept(response -> {
            boolean wasPaused = paused;
            paused = false;
            if (wasPaused) {
                observer().emit(OBSERVER_RESUME);
            }
        });
    }

    /** Sends a text message (PPID 51, or 56 if empty); only for direct data producers. */
    public void send(String message) {
        send(message, null, null, null, null);
    }

    /** Sends a binary message (PPID 53, or 57 if empty); only for direct data producers. */
    public void send(byte[] message) {
        send(message, null, null, null, null);
    }

    /**
     * Sends a text message. {@code ppid} overrides the PPID; {@code subchannels} limits delivery to
     * data consumers subscribed to one of them ({@code null}: to all), {@code requiredSubchannel}
     * to those subscribed to it, {@code ignoredSubchannel} excludes those subscribed to it.
     */
    public void send(String message, Integer ppid, List<Integer> subchannels, Integer requiredSubchannel,
            Integer ignoredSubchannel) {
        if (message == null) {
            throw new TypeError("message must be a string or a Buffer");
        }
        sendPayload(message.getBytes(StandardCharsets.UTF_8), true, ppid, subchannels, requiredSubchannel,
                ignoredSubchannel);
    }

    /** Sends a binary message; the options are those of {@link #send(String, Integer, List, Integer, Integer)}. */
    public void send(byte[] message, Integer ppid, List<Integer> subchannels, Integer requiredSubchannel,
            Integer ignoredSubchannel) {
        if (message == null) {
            throw new TypeError("message must be a string or a Buffer");
        }
        sendPayload(message, false, ppid, subchannels, requiredSubchannel, ignoredSubchannel);
    }

    private void sendPayload(byte[] message, boolean text, Integer ppid, List<Integer> subchannels,
            Integer requiredSubchannel, Integer ignoredSubchannel) {
        int effectivePpid = DataMessages.ppidOf(message, text, ppid);
        byte[] payload = DataMessages.payloadFor(message, effectivePpid);
        channel.notify(Event.DATAPRODUCER_SEND, id(), FBS.Notification.Body.DataProducer_SendNotification, builder -> {
            int subchannelsOffset = SendNotification.createSubchannelsVector(builder, FbsVectors.toArray(subchannels));
            int dataOffset = SendNotification.createDataVector(builder, payload);
            SendNotification.startSendNotification(builder);
            SendNotification.addPpid(builder, Integer.toUnsignedLong(effectivePpid));
            SendNotification.addData(builder, dataOffset);
            SendNotification.addSubchannels(builder, subchannelsOffset);
            OptionalFields.addShort(builder, REQUIRED_SUBCHANNEL, requiredSubchannel);
            OptionalFields.addShort(builder, IGNORED_SUBCHANNEL, ignoredSubchannel);
            return SendNotification.endSendNotification(builder);
        });
    }
}
