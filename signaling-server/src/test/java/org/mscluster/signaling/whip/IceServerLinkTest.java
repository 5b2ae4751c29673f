package org.mscluster.signaling.whip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IceServerLinkTest {

    @Test
    void aStunServerIsItsUrl() {
        assertThat(IceServerLink.parse("stun:stun.example.net:3478").header())
                .isEqualTo("<stun:stun.example.net:3478>; rel=\"ice-server\"");
    }

    @Test
    void aTurnServersCredentialsLeaveTheUrlForTheHeadersParametersAndItsTransportStays() {
        assertThat(IceServerLink.parse("turn:turn.example.net:3478?transport=udp&username=alice&credential=s%3Dcret").header())
                .isEqualTo("<turn:turn.example.net:3478?transport=udp>; rel=\"ice-server\"; username=\"alice\";"
                        + " credential=\"s=cret\"; credential-type=\"password\"");
    }

    @Test
    void refusesWhatCannotBeAnnounced() {
        assertThatThrownBy(() -> IceServerLink.parse("http://example.net")).hasMessageContaining("stun:, stuns:, turn: or turns:");
        assertThatThrownBy(() -> IceServerLink.parse("stun:")).hasMessageContaining("URL is required");
        assertThatThrownBy(() -> IceServerLink.parse("turn:turn.example.net")).hasMessageContaining("username");
        assertThatThrownBy(() -> IceServerLink.parse("turn:t.example.net?username=a&credential=x%22y"))
                .hasMessageContaining("cannot be announced");
    }
}
