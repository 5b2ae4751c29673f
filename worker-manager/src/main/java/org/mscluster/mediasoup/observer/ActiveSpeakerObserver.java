package org.mscluster.mediasoup.observer;

import FBS.ActiveSpeakerObserver.DominantSpeakerNotification;
import FBS.Notification.Event;
import FBS.Notification.Notification;
import java.util.Map;
import java.util.function.Function;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.router.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which audio producer of a router is the dominant speaker, as the Node layer's {@code
 * ActiveSpeakerObserver} (the worker's dominant speaker identification). Emits {@link
 * #DOMINANT_SPEAKER} when it changes; its {@link #observer()} emits it as well.
 */
public final class ActiveSpeakerObserver extends RtpObserver {

    public static final EventType<ActiveSpeakerObserverDominantSpeaker> DOMINANT_SPEAKER =
            EventType.of("dominantspeaker");
    public static final EventType<ActiveSpeakerObserverDominantSpeaker> OBSERVER_DOMINANT_SPEAKER = DOMINANT_SPEAKER;

    private static final Logger LOG = LoggerFactory.getLogger(ActiveSpeakerObserver.class);

    /** For {@code Router.createActiveSpeakerObserver()}, once the worker created it. */
    public ActiveSpeakerObserver(RtpObserverInternal internal, Channel channel, Map<String, Object> appData,
            Function<String, Producer> getProducerById) {
        super(internal, channel, appData, getProducerById);
        subscribe();
    }

    @Override
    public RtpObserverType type() {
        return RtpObserverType.ACTIVE_SPEAKER;
    }

    @Override
    protected void onNotification(Notification notification) {
        if (notification.event() != Event.ACTIVESPEAKEROBSERVER_DOMINANT_SPEAKER) {
            LOG.error("ignoring unknown event {}", Event.name(notification.event()));
            return;
        }
        DominantSpeakerNotification body = (DominantSpeakerNotification) notification.body(new DominantSpeakerNotification());
        Producer producer = getProducerById.apply(body.producerId());
        if (producer == null) {
            return;
        }
        ActiveSpeakerObserverDominantSpeaker speaker = new ActiveSpeakerObserverDominantSpeaker(producer);
        emit(DOMINANT_SPEAKER, speaker);
        observer().emit(OBSERVER_DOMINANT_SPEAKER, speaker);
    }
}
