package org.mscluster.mediasoup.observer;

import FBS.AudioLevelObserver.Volume;
import FBS.AudioLevelObserver.VolumesNotification;
import FBS.Notification.Event;
import FBS.Notification.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.router.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the loudest audio producers of a router every interval, as the Node layer's {@code
 * AudioLevelObserver}, from the {@code ssrc-audio-level} header extension the producers send.
 * Emits {@link #VOLUMES} (loudest first, at most {@code maxEntries}, above {@code threshold}) and
 * {@link #SILENCE} when none is above; its {@link #observer()} emits both as well.
 */
public final class AudioLevelObserver extends RtpObserver {

    public static final EventType<List<AudioLevelObserverVolume>> VOLUMES = EventType.of("volumes");
    public static final EventType<Void> SILENCE = EventType.of("silence");
    public static final EventType<List<AudioLevelObserverVolume>> OBSERVER_VOLUMES = VOLUMES;
    public static final EventType<Void> OBSERVER_SILENCE = SILENCE;

    private static final Logger LOG = LoggerFactory.getLogger(AudioLevelObserver.class);

    /** For {@code Router.createAudioLevelObserver()}, once the worker created it. */
    public AudioLevelObserver(RtpObserverInternal internal, Channel channel, Map<String, Object> appData,
            Function<String, Producer> getProducerById) {
        super(internal, channel, appData, getProducerById);
        subscribe();
    }

    @Override
    public RtpObserverType type() {
        return RtpObserverType.AUDIO_LEVEL;
    }

    @Override
    protected void onNotification(Notification notification) {
        switch (notification.event()) {
            case Event.AUDIOLEVELOBSERVER_VOLUMES -> {
                VolumesNotification body = (VolumesNotification) notification.body(new VolumesNotification());
                // Producers closed since the worker measured are left out, as in Node.
                List<AudioLevelObserverVolume> volumes = new ArrayList<>();
                for (int i = 0; i < body.volumesLength(); i++) {
                    Volume volume = body.volumes(i);
                    Producer producer = getProducerById.apply(volume.producerId());
                    if (producer != null) {
                        volumes.add(new AudioLevelObserverVolume(producer, volume.volume()));
                    }
                }
                if (!volumes.isEmpty()) {
                    List<AudioLevelObserverVolume> payload = List.copyOf(volumes);
                    emit(VOLUMES, payload);
                    observer().emit(OBSERVER_VOLUMES, payload);
                }
            }
            case Event.AUDIOLEVELOBSERVER_SILENCE -> {
                emit(SILENCE);
                observer().emit(OBSERVER_SILENCE);
            }
            default -> LOG.error("ignoring unknown event {}", Event.name(notification.event()));
        }
    }
}
