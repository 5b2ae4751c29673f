package org.mscluster.mediasoup.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.transport.PortRange;
import org.mscluster.mediasoup.worker.WorkerSettings;

class PortRangeSplitTest {

    @Test
    void splitsIntoContiguousPartsTheLastTakingTheRest() {
        assertThat(PortRangeSplit.split(40000, 40010, 3)).containsExactly(
                PortRange.of(40000, 40002), PortRange.of(40003, 40005), PortRange.of(40006, 40010));
        assertThat(PortRangeSplit.split(1000, 1001, 2)).containsExactly(PortRange.of(1000, 1000), PortRange.of(1001, 1001));
    }

    @Test
    void refusesARangeSmallerThanTheWorkers() {
        assertThatThrownBy(() -> PortRangeSplit.split(1000, 1001, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsWithoutPortsAreSharedUnchanged() {
        WorkerSettings template = WorkerSettings.defaults();

        assertThat(PortRangeSplit.perWorker(template, 2)).containsExactly(template, template);
    }

    @Test
    void eachWorkerGetsItsPartAndTheRestOfTheTemplate() {
        WorkerSettings template = WorkerSettings.builder().rtcMinPort(20000).rtcMaxPort(20099)
                .libwebrtcFieldTrials("WebRTC-Bwe-AlrLimitedBackoff/Enabled/").build();

        List<WorkerSettings> settings = PortRangeSplit.perWorker(template, 4);

        assertThat(settings).extracting(WorkerSettings::rtcMinPort).containsExactly(20000, 20025, 20050, 20075);
        assertThat(settings).extracting(WorkerSettings::rtcMaxPort).containsExactly(20024, 20049, 20074, 20099);
        assertThat(settings).allMatch(s -> s.libwebrtcFieldTrials().equals(template.libwebrtcFieldTrials()));
    }

    @Test
    void aSideGivenAloneIsCompletedWithTheWorkersDefault() {
        List<WorkerSettings> settings = PortRangeSplit.perWorker(WorkerSettings.builder().rtcMinPort(50000).build(), 2);

        assertThat(settings.get(0).rtcMinPort()).isEqualTo(50000);
        assertThat(settings.get(1).rtcMaxPort()).isEqualTo(59999);
    }
}
