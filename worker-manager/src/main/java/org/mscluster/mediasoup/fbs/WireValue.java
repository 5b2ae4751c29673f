package org.mscluster.mediasoup.fbs;

/** An enum constant with the name the Node layer and JSON give it ({@code "simulcast"}, {@code "controlled"}). */
public interface WireValue {
    String value();
}
