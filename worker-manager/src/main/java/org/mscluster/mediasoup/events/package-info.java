/**
 * Typed events in the manner of the Node layer's {@code EnhancedEventEmitter}: each class declares
 * its events as {@link org.mscluster.mediasoup.events.EventType} constants named after mediasoup's
 * event names, so {@code worker.on(Worker.DIED, …)} reads like {@code worker.on('died', …)}.
 */
package org.mscluster.mediasoup.events;
