#!/usr/bin/python3
"""A WHIP publisher (RFC 9725) on GStreamer's webrtcbin, the HTTP exchange done here.

Publishes a VP8 test pattern and an Opus tone to ENDPOINT until SIGINT or SIGTERM, then DELETEs its
session resource. Debian 12's own WHIP clients cannot run: gstreamer1.0-plugins-bad 1.22 is built
without whipsink (webrtchttp), and simple-whip-client links libsoup 2 while libnice (through
gupnp-igd) loads libsoup 3, which aborts the process as the pipeline starts ("libsoup2 symbols
detected"). This script uses only Python's urllib for HTTP, so libsoup 3 stays alone.

Usage: gst-whip.py ENDPOINT [TOKEN]
Prints one JSON line per event ({"event": "created", "location": ...}, {"event": "deleted", ...});
exits non-zero when the POST is refused or the pipeline fails.
"""
import json
import random
import signal
import sys
import urllib.error
import urllib.parse
import urllib.request

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstWebRTC', '1.0')
gi.require_version('GstSdp', '1.0')
from gi.repository import GLib, Gst, GstSdp, GstWebRTC  # noqa: E402

ENDPOINT = sys.argv[1]
TOKEN = sys.argv[2] if len(sys.argv) > 2 else None
SSRC = random.randint(100000, 2**31)
# Explicit SSRCs: webrtcbin then writes them into the offer (a=ssrc), which the room needs to
# know the streams before the first packet.
PIPELINE = (
    'webrtcbin name=webrtc bundle-policy=max-bundle '
    'videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=15/1 ! videoconvert ! queue '
    f'! vp8enc deadline=1 keyframe-max-dist=30 ! rtpvp8pay pt=96 ssrc={SSRC} ! queue '
    '! application/x-rtp,media=video,encoding-name=VP8,payload=96 ! webrtc. '
    'audiotestsrc is-live=true wave=sine ! audioconvert ! audioresample ! queue ! opusenc '
    f'! rtpopuspay pt=111 ssrc={SSRC + 1} ! queue ! application/x-rtp,media=audio,encoding-name=OPUS,payload=111 ! webrtc.'
)


def say(**event):
    print(json.dumps(event), flush=True)


def http(method, url, body=None, content_type=None):
    """One request, following 307/308 with method and body (urllib does not for POST)."""
    for _ in range(5):
        request = urllib.request.Request(url, data=body, method=method)
        if content_type:
            request.add_header('Content-Type', content_type)
        if TOKEN:
            request.add_header('Authorization', 'Bearer ' + TOKEN)
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, response.headers, response.read().decode(), url
        except urllib.error.HTTPError as error:
            if error.code in (307, 308):
                url = urllib.parse.urljoin(url, error.headers.get('Location'))
                continue
            return error.code, error.headers, error.read().decode(), url
        except urllib.error.URLError as error:
            return 0, {}, str(error.reason), url
    raise RuntimeError('too many redirects')


class Publisher:
    def __init__(self, loop):
        self.loop = loop
        self.location = None
        self.offering = False
        self.failed = False
        self.pipeline = Gst.parse_launch(PIPELINE)
        self.webrtc = self.pipeline.get_by_name('webrtc')
        self.webrtc.connect('on-negotiation-needed', self.negotiate)
        self.webrtc.connect('notify::ice-gathering-state', self.gathered)
        self.webrtc.connect('notify::ice-connection-state', lambda webrtc, _: say(
            event='ice', state=webrtc.get_property('ice-connection-state').value_nick))
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect('message::error', self.error)

    def negotiate(self, webrtc):
        # Fired once per linked pad; one offer (with both sections) is enough.
        if not self.offering:
            self.offering = True
            self.offer()

    def offer(self):
        for index in range(2):
            transceiver = self.webrtc.emit('get-transceiver', index)
            if transceiver:
                transceiver.set_property('direction', GstWebRTC.WebRTCRTPTransceiverDirection.SENDONLY)
        self.webrtc.emit('create-offer', None, Gst.Promise.new_with_change_func(self.offered, self.webrtc, None))
        return False

    def offered(self, promise, webrtc, _):
        reply = promise.get_reply()
        offer = reply.get_value('offer') if reply and reply.has_field('offer') else None
        if offer is None:
            # A pad whose caps have not arrived yet (a slow encoder under load): ask again shortly.
            GLib.timeout_add(250, self.offer)
            return
        webrtc.emit('set-local-description', offer, None)

    def gathered(self, webrtc, _):
        # Not trickled: the offer goes out with every candidate once gathering ended (the room is ICE Lite).
        if webrtc.get_property('ice-gathering-state') == GstWebRTC.WebRTCICEGatheringState.COMPLETE and not self.location:
            GLib.idle_add(self.post)

    def post(self):
        sdp = self.webrtc.get_property('local-description').sdp.as_text()
        say(event='offer', sdp=sdp)
        status, headers, body, url = http('POST', ENDPOINT, sdp.encode(), 'application/sdp')
        if status != 201:
            say(event='refused', status=status, body=body)
            self.fail()
            return False
        self.location = urllib.parse.urljoin(url, headers.get('Location'))
        _, message = GstSdp.SDPMessage.new_from_text(body)
        answer = GstWebRTC.WebRTCSessionDescription.new(GstWebRTC.WebRTCSDPType.ANSWER, message)
        self.webrtc.emit('set-remote-description', answer, None)
        say(event='created', location=self.location, answer=body)
        return False

    def error(self, _, message):
        error, debug = message.parse_error()
        say(event='error', error=str(error), debug=debug)
        self.fail()

    def fail(self):
        self.failed = True
        self.loop.quit()

    def stop(self):
        if self.location:
            status, _, _, _ = http('DELETE', self.location)
            say(event='deleted', status=status)
        self.loop.quit()
        return False


def main():
    Gst.init(None)
    loop = GLib.MainLoop()
    publisher = Publisher(loop)
    for signum in (signal.SIGINT, signal.SIGTERM):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, publisher.stop)
    publisher.pipeline.set_state(Gst.State.PLAYING)
    loop.run()
    publisher.pipeline.set_state(Gst.State.NULL)
    sys.exit(1 if publisher.failed else 0)


main()
