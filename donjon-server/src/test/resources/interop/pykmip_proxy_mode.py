"""Drives a Donjon server in proxy mode with Debian's PyKMIP ProxyKmipClient, unmodified: writes to replicas there.

Usage: pykmip_proxy_mode.py HOST PORT CLIENT_CERT CLIENT_KEY CA_CERT VERSION REVOKED_ID DESTROYED_ID
Both objects are replicas at HOST:PORT of keys another server owns; every write is forwarded there (docs/replication.md,
"Proxy mode"), so each call succeeds although the replica itself is read-only. Prints "ok <step>" per step that behaved
as expected and exits 0, or raises at the first that did not.
"""
import sys

from kmip.core import enums
from kmip.pie import client as pie_client
from kmip.pie import exceptions

VERSIONS = {"1.0": enums.KMIPVersion.KMIP_1_0, "1.2": enums.KMIPVersion.KMIP_1_2,
            "1.4": enums.KMIPVersion.KMIP_1_4, "2.0": enums.KMIPVersion.KMIP_2_0}


def ok(step):
    print("ok " + step, flush=True)


def main(host, port, cert, key, ca, version, revoked, destroyed):
    kmip_version = VERSIONS[version]
    with pie_client.ProxyKmipClient(hostname=host, port=int(port), cert=cert, key=key, ca=ca,
                                    config_file="/dev/null", kmip_version=kmip_version) as client:
        if kmip_version >= enums.KMIPVersion.KMIP_2_0:
            assert client.set_attribute(revoked, attribute_name="Sensitive", attribute_value=True) == revoked
            ok("set-attribute")
        client.activate(revoked)
        ok("activate")
        client.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, revoked, "retired through the proxy")
        ok("revoke")
        client.destroy(destroyed)
        ok("destroy")
        # The owner's own refusal comes back through the proxy: the key is destroyed there, not read-only here.
        try:
            client.activate(destroyed)
        except exceptions.KmipOperationFailure as failure:
            assert "read-only replica" not in str(failure.message), failure.message
            ok("refused-by-owner")
        else:
            raise AssertionError("activating a destroyed key was not refused")


if __name__ == "__main__":
    main(*sys.argv[1:])
