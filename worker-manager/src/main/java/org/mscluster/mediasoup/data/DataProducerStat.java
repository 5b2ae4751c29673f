package org.mscluster.mediasoup.data;

/** Counters of a data producer ({@link DataProducer#getStats()}), {@code type} {@code "data-producer"}. */
public record DataProducerStat(String type, long timestamp, String label, String protocol, long messagesReceived,
        long bytesReceived) {

    public static final String TYPE = "data-producer";

    public static DataProducerStat fromFbs(FBS.DataProducer.GetStatsResponse fbs) {
        return new DataProducerStat(TYPE, fbs.timestamp(), fbs.label(), fbs.protocol(), fbs.messagesReceived(),
                fbs.bytesReceived());
    }
}
