package org.mscluster.mediasoup.fbs;

/** A {@link WireValue} that the worker's FlatBuffers schema numbers too. */
public interface FbsValue extends WireValue {
    int toFbs();
}
