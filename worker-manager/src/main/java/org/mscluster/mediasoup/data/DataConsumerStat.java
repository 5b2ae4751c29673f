package org.mscluster.mediasoup.data;

/** Counters of a data consumer ({@link DataConsumer#getStats()}), {@code type} {@code "data-consumer"}. */
public record DataConsumerStat(String type, long timestamp, String label, String protocol, long messagesSent,
        long bytesSent, long bufferedAmount) {

    public static final String TYPE = "data-consumer";

    public static DataConsumerStat fromFbs(FBS.DataConsumer.GetStatsResponse fbs) {
        return new DataConsumerStat(TYPE, fbs.timestamp(), fbs.label(), fbs.protocol(), fbs.messagesSent(),
                fbs.bytesSent(), fbs.bufferedAmount());
    }
}
