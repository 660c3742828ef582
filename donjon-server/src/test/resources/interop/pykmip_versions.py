"""Drives Donjon's KMIP server with Debian's PyKMIP ProxyKmipClient at one protocol version, unmodified.

Usage: pykmip_versions.py HOST PORT CLIENT_CERT CLIENT_KEY CA_CERT VERSION   (VERSION: 1.0 1.1 1.2 1.3 1.4 2.0)
Prints one line "ok <step>" per step that behaved as expected and exits 0, or raises at the first that did not.
Encrypt, Decrypt, Sign and Signature Verify are KMIP 1.2 operations: before 1.2 the step checks that the server
refuses them as Operation Not Supported.
"""
import hashlib
import os
import sys

from kmip.core import enums
from kmip.core.factories import attributes as attribute_factories
from kmip.pie import client as pie_client
from kmip.pie import exceptions
from kmip.pie import objects

VERSIONS = {"1.0": enums.KMIPVersion.KMIP_1_0, "1.1": enums.KMIPVersion.KMIP_1_1,
            "1.2": enums.KMIPVersion.KMIP_1_2, "1.3": enums.KMIPVersion.KMIP_1_3,
            "1.4": enums.KMIPVersion.KMIP_1_4, "2.0": enums.KMIPVersion.KMIP_2_0}


def ok(step):
    print("ok " + step, flush=True)


def refused(call, reason):
    try:
        call()
    except exceptions.KmipOperationFailure as failure:
        assert failure.reason == reason, "refused with %r, not %r" % (failure.reason, reason)
        return
    raise AssertionError("not refused")


def main(host, port, cert, key, ca, version):
    kmip_version = VERSIONS[version]
    modern = kmip_version >= enums.KMIPVersion.KMIP_1_2
    attributes = attribute_factories.AttributeFactory()
    name = "pykmip-%s-%s" % (version, os.urandom(6).hex())
    with pie_client.ProxyKmipClient(hostname=host, port=int(port), cert=cert, key=key, ca=ca,
                                    config_file="/dev/null", kmip_version=kmip_version) as client:
        key_id = client.create(enums.CryptographicAlgorithm.AES, 256, name=name,
                               cryptographic_usage_mask=[enums.CryptographicUsageMask.ENCRYPT,
                                                         enums.CryptographicUsageMask.DECRYPT])
        ok("create")

        material = os.urandom(16)
        registered = client.register(objects.SymmetricKey(
            enums.CryptographicAlgorithm.AES, 128, material,
            [enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT], name=name + "-reg"))
        ok("register")

        assert client.get(registered).value == material, "get returned other key material"
        assert len(client.get(key_id).value) == 32
        ok("get")

        # Every attribute name, then the values of those PyKMIP 0.10 can parse: it has no value types for Original
        # Creation Date (1.2), Random Number Generator (1.3), Sensitive, Extractable, Always Sensitive and Never
        # Extractable (1.4), and reads a Digest only with the Key Format Type that 1.0's Digest does not have.
        names = client.get_attribute_list(key_id)
        for expected in ("Cryptographic Algorithm", "Cryptographic Length", "Name", "State", "Unique Identifier",
                         "Digest", "Initial Date", "Last Change Date"):
            assert expected in names, "%s missing from %r" % (expected, names)
        readable = [n for n in names if n in ("Unique Identifier", "Object Type", "Cryptographic Algorithm",
                                              "Cryptographic Length", "Cryptographic Usage Mask", "State", "Name",
                                              "Initial Date", "Last Change Date", "Operation Policy Name")]
        uid, listed = client.get_attributes(key_id, readable)
        assert uid == key_id
        values = dict((a.attribute_name.value, a.attribute_value) for a in listed)
        assert values["Cryptographic Length"].value == 256
        assert values["Name"].name_value.value == name
        ok("get-attributes")

        found = client.locate(attributes=[attributes.create_attribute(enums.AttributeType.NAME, name)])
        assert found == [key_id], "locate by name found %r" % (found,)
        ok("locate")

        client.activate(key_id)
        client.activate(registered)
        ok("activate")

        cbc = {"cryptographic_algorithm": enums.CryptographicAlgorithm.AES,
               "block_cipher_mode": enums.BlockCipherMode.CBC, "padding_method": enums.PaddingMethod.PKCS5}
        gcm = {"cryptographic_algorithm": enums.CryptographicAlgorithm.AES,
               "block_cipher_mode": enums.BlockCipherMode.GCM, "tag_length": 16}
        if modern:
            iv = os.urandom(16)
            ciphertext, _ = client.encrypt(b"attack at dawn", uid=key_id, cryptographic_parameters=cbc,
                                           iv_counter_nonce=iv)
            clear = client.decrypt(ciphertext, uid=key_id, cryptographic_parameters=cbc, iv_counter_nonce=iv)
            assert clear == b"attack at dawn", "CBC decrypt returned %r" % (clear,)
            # PyKMIP 0.10 neither returns nor sends an Authenticated Encryption Tag, so GCM can only be checked one
            # way: a server-chosen 12-byte nonce and a ciphertext as long as the plaintext.
            sealed, nonce = client.encrypt(b"attack at dusk", uid=key_id, cryptographic_parameters=gcm)
            assert len(sealed) == len(b"attack at dusk") and len(nonce) == 12, (sealed, nonce)
        else:
            refused(lambda: client.encrypt(b"x", uid=key_id, cryptographic_parameters=cbc,
                                           iv_counter_nonce=os.urandom(16)),
                    enums.ResultReason.OPERATION_NOT_SUPPORTED)
        ok("encrypt-decrypt")

        public_id, private_id = client.create_key_pair(
            enums.CryptographicAlgorithm.RSA, 2048,
            public_usage_mask=[enums.CryptographicUsageMask.VERIFY],
            private_usage_mask=[enums.CryptographicUsageMask.SIGN])
        client.activate(public_id)
        client.activate(private_id)
        signing = {"cryptographic_algorithm": enums.CryptographicAlgorithm.RSA,
                   "hashing_algorithm": enums.HashingAlgorithm.SHA_256,
                   "padding_method": enums.PaddingMethod.PKCS1v15}
        if modern:
            signature = client.sign(b"signed data", uid=private_id, cryptographic_parameters=signing)
            assert client.signature_verify(b"signed data", signature, uid=public_id,
                                           cryptographic_parameters=signing) == enums.ValidityIndicator.VALID
            assert client.signature_verify(b"other data", signature, uid=public_id,
                                           cryptographic_parameters=signing) == enums.ValidityIndicator.INVALID
        else:
            refused(lambda: client.sign(b"signed data", uid=private_id, cryptographic_parameters=signing),
                    enums.ResultReason.OPERATION_NOT_SUPPORTED)
        ok("sign-verify")

        password = client.register(objects.SecretData(b"password", enums.SecretDataType.PASSWORD,
                                                      masks=[enums.CryptographicUsageMask.DERIVE_KEY],
                                                      name=name + "-password"))
        client.activate(password)
        derived = client.derive_key(enums.ObjectType.SYMMETRIC_KEY, [password], enums.DerivationMethod.PBKDF2,
                                    {"cryptographic_parameters": {"hashing_algorithm": enums.HashingAlgorithm.SHA_1},
                                     "salt": b"salt", "iteration_count": 4096},
                                    cryptographic_length=256, cryptographic_algorithm=enums.CryptographicAlgorithm.AES)
        expected = hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 4096, 32)
        assert client.get(derived).value == expected, "PBKDF2 derived other bytes"
        ok("derive")

        client.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, key_id)
        ok("revoke")
        client.destroy(key_id)
        refused(lambda: client.get(key_id), enums.ResultReason.OBJECT_DESTROYED
                if kmip_version >= enums.KMIPVersion.KMIP_2_0 else enums.ResultReason.ILLEGAL_OPERATION)
        ok("destroy")


if __name__ == "__main__":
    main(*sys.argv[1:7])
