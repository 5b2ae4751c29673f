package org.mscluster.mediasoup.router;

import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.producer.Producer;

/**
 * What {@link Router#pipeToRouter} created: for a producer, the pipe consumer in this router and
 * the pipe producer in the other (the data fields {@code null}); for a data producer, the pipe data
 * consumer and pipe data producer (the media fields {@code null}).
 */
public record PipeToRouterResult(
        Consumer pipeConsumer,
        Producer pipeProducer,
        DataConsumer pipeDataConsumer,
        DataProducer pipeDataProducer) {
}
