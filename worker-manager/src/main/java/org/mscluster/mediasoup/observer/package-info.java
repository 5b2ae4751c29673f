/**
 * RTP observers: AudioLevelObserver (volumes of the loudest producers) and ActiveSpeakerObserver (the
 * dominant speaker), which watch a router's audio producers.
 */
package org.mscluster.mediasoup.observer;
