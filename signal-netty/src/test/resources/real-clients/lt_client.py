#!/usr/bin/python3
"""A headless libtorrent client for loopback transfer tests (RealClientsTransferTest).

    /usr/bin/python3 lt_client.py seed  TORRENT DIR DEADLINE_SECONDS
    /usr/bin/python3 lt_client.py leech TORRENT DIR DEADLINE_SECONDS

Run it with Debian's /usr/bin/python3: the python3-libtorrent package installs into Debian's dist-packages,
which another python3 on PATH (pyenv, venv) does not see.

seed: DIR already holds the payload; libtorrent checks it and seeds until stdin reaches end of file, SIGTERM
      or SIGINT arrives, or the deadline passes; then it announces `stopped` and exits 0.
leech: DIR is empty; downloads, waits for the answer to its `completed` announce, then keeps seeding until
       stdin reaches end of file (at once when stdin is /dev/null), announces `stopped` and exits 0.
       SIGTERM, SIGINT or the deadline end it sooner: status 1 when the download had not finished.

Everything stays on 127.0.0.1: DHT, local service discovery, UPnP and NAT-PMP are off (LSD would multicast
off loopback), uTP is off (TCP only, fewer moving parts). allow_multiple_connections_per_ip lets two
clients on the same address connect to each other, which libtorrent refuses by default.

Every tracker alert is printed on its own line, flushed, prefixed with the mode, so the test's output shows
what the client sent and what the tracker answered.
"""

import os
import signal
import sys
import threading
import time

# libtorrent's announce events (lt::event_t): the names the tracker sees on the wire.
EVENTS = {0: "none", 1: "completed", 2: "started", 3: "stopped", 4: "paused"}
# How long a shutdown waits for the tracker to answer the stopped announce.
STOP_REPLY_SECONDS = 5.0
# How long a finished leecher waits for the tracker to answer its completed announce.
COMPLETED_REPLY_SECONDS = 5.0


def usage():
    print(__doc__, file=sys.stderr)
    sys.exit(2)


class Client:
    def __init__(self, mode, torrent, directory):
        import libtorrent as lt
        self.lt = lt
        self.mode = mode
        category = lt.alert.category_t
        self.session = lt.session({
            "listen_interfaces": "127.0.0.1:0",
            "enable_dht": False,
            "enable_lsd": False,
            "enable_upnp": False,
            "enable_natpmp": False,
            "enable_outgoing_utp": False,
            "enable_incoming_utp": False,
            "allow_multiple_connections_per_ip": True,
            "alert_mask": category.tracker_notification | category.status_notification
                          | category.error_notification,
        })
        params = lt.add_torrent_params()
        params.ti = lt.torrent_info(torrent)
        params.save_path = directory
        self.handle = self.session.add_torrent(params)
        self.last_event = None
        self.replied = set()
        self.failed = set()

    def say(self, line):
        print(self.mode + ": " + line, flush=True)

    def pump(self, wait_millis):
        """Prints the alerts that arrive within wait_millis and records which announce events got answers."""
        lt = self.lt
        self.session.wait_for_alert(wait_millis)
        for alert in self.session.pop_alerts():
            if isinstance(alert, lt.tracker_announce_alert):
                self.last_event = EVENTS.get(int(alert.event), str(alert.event))
                self.say("announce event=" + self.last_event + " " + alert.message())
            elif isinstance(alert, lt.tracker_reply_alert):
                self.replied.add(self.last_event)
                self.say("reply to=" + str(self.last_event) + " peers=" + str(alert.num_peers) + " "
                         + alert.message())
            elif isinstance(alert, lt.tracker_error_alert):
                self.failed.add(self.last_event)
                self.say("tracker-error to=" + str(self.last_event) + " " + alert.message())
            elif isinstance(alert, lt.tracker_warning_alert):
                self.say("tracker-warning " + alert.message())
            elif isinstance(alert, lt.listen_succeeded_alert):
                self.say("listening " + alert.message())
            elif isinstance(alert, (lt.listen_failed_alert, lt.torrent_error_alert, lt.file_error_alert)):
                self.say("error " + alert.message())
            elif isinstance(alert, lt.torrent_finished_alert):
                self.say("finished " + alert.message())

    def answered(self, event):
        return event in self.replied or event in self.failed

    def wait_for_answer(self, event, seconds):
        """Pumps alerts until the announce of this event got a reply or an error, at most seconds long."""
        end = time.monotonic() + seconds
        while not self.answered(event) and time.monotonic() < end:
            self.pump(100)
        if not self.answered(event):
            self.say("no answer to " + event + " within " + str(seconds) + " s")

    def stop(self):
        """Pausing the torrent makes libtorrent announce `stopped`; waits for that answer, then ends."""
        # A torrent paused before its started announce was answered never announces stopped.
        self.wait_for_answer("started", STOP_REPLY_SECONDS)
        self.handle.pause()
        self.wait_for_answer("stopped", STOP_REPLY_SECONDS)
        self.say("stopped")


def watch_for_stop(when_done, now):
    """End of file on stdin: stop once the work is done (a leecher, after its download). A signal: stop now."""
    def read_until_eof():
        sys.stdin.read()
        when_done.set()
    threading.Thread(target=read_until_eof, daemon=True, name="stdin-watch").start()
    signal.signal(signal.SIGTERM, lambda *_: now.set())
    signal.signal(signal.SIGINT, lambda *_: now.set())


def main(argv):
    if len(argv) != 5 or argv[1] not in ("seed", "leech"):
        usage()
    mode, torrent, directory = argv[1], argv[2], argv[3]
    try:
        deadline = time.monotonic() + float(argv[4])
    except ValueError:
        usage()
    when_done, now = threading.Event(), threading.Event()
    watch_for_stop(when_done, now)
    client = Client(mode, torrent, directory)
    client.say("started pid " + str(os.getpid()))
    finished = mode == "seed"
    while not now.is_set() and not (finished and when_done.is_set()) and time.monotonic() < deadline:
        client.pump(50)
        if not finished and client.handle.status().is_seeding:
            finished = True
            client.say("download complete: " + str(client.handle.status().total_wanted_done) + " bytes")
            client.wait_for_answer("completed", COMPLETED_REPLY_SECONDS)
    if not finished:
        status = client.handle.status()
        client.say("stopped before the download finished: " + str(status.total_wanted_done) + " of "
                   + str(status.total_wanted) + " bytes, " + str(status.num_peers) + " peers")
    client.stop()
    return 0 if finished else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
