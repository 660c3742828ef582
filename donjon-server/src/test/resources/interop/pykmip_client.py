"""Drives Donjon's KMIP server with Debian's PyKMIP ProxyKmipClient, unmodified.

Usage: pykmip_client.py HOST PORT CLIENT_CERT CLIENT_KEY CA_CERT
Prints one line "ok <step>" per step that behaved as expected and exits 0, or
raises (non-zero exit) at the first step that did not.
"""
import os
import sys

from kmip.core import enums
from kmip.core.factories import attributes as attribute_factories
from kmip.pie import client as pie_client
from kmip.pie import exceptions
from kmip.pie import objects


def ok(step):
    print("ok " + step, flush=True)


def main(host, port, cert, key, ca):
    attributes = attribute_factories.AttributeFactory()
    name = "pykmip-" + os.urandom(6).hex()
    with pie_client.ProxyKmipClient(hostname=host, port=int(port), cert=cert, key=key, ca=ca,
                                    config_file="/dev/null") as client:
        key_id = client.create(enums.CryptographicAlgorithm.AES, 256, name=name,
                               cryptographic_usage_mask=[enums.CryptographicUsageMask.ENCRYPT,
                                                         enums.CryptographicUsageMask.DECRYPT])
        ok("create")

        material = os.urandom(16)
        registered = client.register(objects.SymmetricKey(
            enums.CryptographicAlgorithm.AES, 128, material,
            [enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT], name=name + "-reg"))
        ok("register")

        fetched = client.get(registered)
        assert fetched.value == material, "get returned other key material"
        assert fetched.cryptographic_algorithm == enums.CryptographicAlgorithm.AES
        created = client.get(key_id)
        assert len(created.value) == 32
        ok("get")

        found = client.locate(attributes=[attributes.create_attribute(enums.AttributeType.NAME, name)])
        assert found == [key_id], "locate by name found %r" % (found,)
        found = client.locate(attributes=[
            attributes.create_attribute(enums.AttributeType.OBJECT_TYPE, enums.ObjectType.SYMMETRIC_KEY),
            attributes.create_attribute(enums.AttributeType.NAME, name + "-reg")])
        assert found == [registered], "locate by type and name found %r" % (found,)
        ok("locate")

        try:
            client.encrypt(b"too early", uid=key_id, cryptographic_parameters={
                "cryptographic_algorithm": enums.CryptographicAlgorithm.AES,
                "block_cipher_mode": enums.BlockCipherMode.CBC,
                "padding_method": enums.PaddingMethod.PKCS5})
            raise AssertionError("a pre-active key encrypted")
        except exceptions.KmipOperationFailure:
            pass
        client.activate(key_id)
        client.activate(registered)
        ok("activate")

        parameters = {"cryptographic_algorithm": enums.CryptographicAlgorithm.AES,
                      "block_cipher_mode": enums.BlockCipherMode.CBC,
                      "padding_method": enums.PaddingMethod.PKCS5}
        iv = os.urandom(16)
        ciphertext, _ = client.encrypt(b"attack at dawn", uid=key_id, cryptographic_parameters=parameters,
                                       iv_counter_nonce=iv)
        clear = client.decrypt(ciphertext, uid=key_id, cryptographic_parameters=parameters, iv_counter_nonce=iv)
        assert clear == b"attack at dawn", "decrypt returned %r" % (clear,)
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
        signature = client.sign(b"signed data", uid=private_id, cryptographic_parameters=signing)
        valid = client.signature_verify(b"signed data", signature, uid=public_id, cryptographic_parameters=signing)
        assert valid == enums.ValidityIndicator.VALID, "signature verify said %r" % (valid,)
        invalid = client.signature_verify(b"other data", signature, uid=public_id, cryptographic_parameters=signing)
        assert invalid == enums.ValidityIndicator.INVALID
        ok("sign")

        try:
            client.destroy(key_id)
            raise AssertionError("an active key was destroyed")
        except exceptions.KmipOperationFailure:
            pass
        client.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, key_id)
        ok("revoke")
        client.destroy(key_id)
        try:
            client.get(key_id)
            raise AssertionError("a destroyed key was served")
        except exceptions.KmipOperationFailure:
            pass
        ok("destroy")


if __name__ == "__main__":
    main(*sys.argv[1:6])
