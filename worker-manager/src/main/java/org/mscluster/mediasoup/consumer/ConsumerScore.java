package org.mscluster.mediasoup.consumer;

import java.util.List;
import org.mscluster.mediasoup.fbs.FbsVectors;

/**
 * Quality (0–10) of what a consumer sends ({@code score}), of the producer stream it currently
 * forwards ({@code producerScore}) and of every producer stream ({@code producerScores}).
 */
public record ConsumerScore(int score, int producerScore, List<Integer> producerScores) {

    /** What a consumer reports until the worker sends a score (Node's constructor default). */
    public static final ConsumerScore INITIAL = new ConsumerScore(10, 10, List.of());

    public ConsumerScore {
        producerScores = producerScores == null ? List.of() : List.copyOf(producerScores);
    }

    /** The score in a consume response or a score notification. */
    public static ConsumerScore fromFbs(FBS.Consumer.ConsumerScore fbs) {
        return new ConsumerScore(fbs.score(), fbs.producerScore(),
                FbsVectors.ints(fbs.producerScoresLength(), fbs::producerScores));
    }
}
