package org.mscluster.channel;

/** Why a channel request or message failed, in the terms of mediasoup's error classes. */
public enum ChannelFailure {
    /** The worker answered {@code TypeError}, or the message could not be encoded or was too large. */
    INVALID_ARGUMENT,
    /** The worker answered {@code NotFoundError}: no entity with that id. */
    NOT_FOUND,
    /** The channel is closed: the worker ended or its owner closed it. */
    CLOSED,
    /** Any other refusal by the worker, or no answer in time. */
    WORKER
}
