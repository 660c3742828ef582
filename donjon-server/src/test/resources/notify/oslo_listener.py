"""An oslo.messaging notification listener, as Ceilometer's runs: prints every notification it is given.

usage: oslo_listener.py TRANSPORT_URL EXCHANGE TOPIC
One JSON object per line on stdout: {"priority", "publisher_id", "event_type", "payload", "metadata", "ctxt"};
"LISTENING" once the listener consumes.
"""
import json
import sys
import threading

from oslo_config import cfg
import oslo_messaging


class Endpoint(object):
    def _print(self, priority, ctxt, publisher_id, event_type, payload, metadata):
        sys.stdout.write(json.dumps({"priority": priority, "publisher_id": publisher_id, "event_type": event_type,
                                     "payload": payload, "metadata": metadata, "ctxt": ctxt}) + "\n")
        sys.stdout.flush()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self._print("info", ctxt, publisher_id, event_type, payload, metadata)

    def warn(self, ctxt, publisher_id, event_type, payload, metadata):
        self._print("warn", ctxt, publisher_id, event_type, payload, metadata)

    def error(self, ctxt, publisher_id, event_type, payload, metadata):
        self._print("error", ctxt, publisher_id, event_type, payload, metadata)


def main():
    url, exchange, topic = sys.argv[1:4]
    conf = cfg.ConfigOpts()
    conf([], project="donjon-test")
    oslo_messaging.set_transport_defaults(control_exchange=exchange)
    transport = oslo_messaging.get_notification_transport(conf, url=url)
    listener = oslo_messaging.get_notification_listener(
        transport, [oslo_messaging.Target(topic=topic)], [Endpoint()], executor="threading")
    # One worker: with the default pool (64 threads) notifications are handled, and printed, concurrently, so the
    # order the tests check would be the pool's rather than the broker's.
    listener.start(override_pool_size=1)
    sys.stdout.write("LISTENING\n")
    sys.stdout.flush()
    # Runs until its standard input closes (the test ends it).
    sys.stdin.read()
    listener.stop()
    listener.wait()


if __name__ == "__main__":
    main()
