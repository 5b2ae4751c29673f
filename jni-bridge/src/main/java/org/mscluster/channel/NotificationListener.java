package org.mscluster.channel;

import FBS.Notification.Notification;

/**
 * Receives the notifications of one handler id, in the worker's order, on the channel's delivery
 * thread: it must not block (hand long work to an executor).
 */
@FunctionalInterface
public interface NotificationListener {

    void onNotification(Notification notification);
}
