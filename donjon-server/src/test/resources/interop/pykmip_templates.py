"""Drives Donjon's KMIP server with Debian's PyKMIP, unmodified, through Templates (KMIP 1.0-1.4 §2.2.6) at one
protocol version: PyKMIP's ProxyKmipClient has no template calls, so this uses the KMIPProxy it wraps (client.proxy),
which sends Template objects and Template-Attribute Names as they are on the wire.

Usage: pykmip_templates.py HOST PORT CLIENT_CERT CLIENT_KEY CA_CERT VERSION   (VERSION: 1.0 1.1 1.2 1.3 1.4)
Prints one line "ok <step>" per step that behaved as expected and exits 0, or raises at the first that did not.
"""
import os
import sys

from kmip.core import attributes as core_attributes
from kmip.core import enums
from kmip.core import objects as core_objects
from kmip.core import secrets
from kmip.core.factories import attributes as attribute_factories
from kmip.pie import client as pie_client

VERSIONS = {"1.0": enums.KMIPVersion.KMIP_1_0, "1.1": enums.KMIPVersion.KMIP_1_1,
            "1.2": enums.KMIPVersion.KMIP_1_2, "1.3": enums.KMIPVersion.KMIP_1_3,
            "1.4": enums.KMIPVersion.KMIP_1_4}

ATTRIBUTES = attribute_factories.AttributeFactory()


def ok(step):
    print("ok " + step, flush=True)


def succeeded(result, what):
    assert result.result_status.value == enums.ResultStatus.SUCCESS, "%s failed: %s %s" % (
        what, result.result_reason, result.result_message)
    return result


def text(value):
    return getattr(value, "value", value)


def attribute(name, value):
    return ATTRIBUTES.create_attribute(name, value)


def template_name(name):
    return core_attributes.Name.create(name, enums.NameType.UNINTERPRETED_TEXT_STRING)


def values(client, uid, names):
    _, listed = client.get_attributes(uid, names)
    found = {}
    for a in listed:
        found.setdefault(a.attribute_name.value, []).append(a.attribute_value)
    return found


def main(host, port, cert, key, ca, version):
    suffix = "%s-%s" % (version, os.urandom(6).hex())
    aes, signing = "aes-template-" + suffix, "signing-template-" + suffix
    with pie_client.ProxyKmipClient(hostname=host, port=int(port), cert=cert, key=key, ca=ca,
                                    config_file="/dev/null", kmip_version=VERSIONS[version]) as client:
        proxy = client.proxy
        body = secrets.Template(attributes=[
            attribute(enums.AttributeType.CRYPTOGRAPHIC_ALGORITHM, enums.CryptographicAlgorithm.AES),
            attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 128),
            attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK,
                      [enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT])])
        template_id = text(succeeded(proxy.register(
            enums.ObjectType.TEMPLATE,
            core_objects.TemplateAttribute(attributes=[attribute(enums.AttributeType.NAME, aes)]), body),
            "register template").uuid)
        ok("register")

        found = succeeded(proxy.locate(attributes=[
            attribute(enums.AttributeType.NAME, aes),
            attribute(enums.AttributeType.OBJECT_TYPE, enums.ObjectType.TEMPLATE)]), "locate template").uuids
        assert [text(u) for u in found] == [template_id], "locate found %r" % (found,)
        ok("locate")

        got = succeeded(proxy.get(template_id), "get template")
        assert got.object_type in (enums.ObjectType.TEMPLATE, getattr(enums.ObjectType.TEMPLATE, "value")) or text(
            got.object_type) == enums.ObjectType.TEMPLATE, got.object_type
        names = sorted(a.attribute_name.value for a in got.secret.attributes)
        assert names == ["Cryptographic Algorithm", "Cryptographic Length", "Cryptographic Usage Mask"], names
        ok("get")

        # The template gives the algorithm and usage; the request's own length wins over the template's 128.
        key_id = text(succeeded(proxy.create(enums.ObjectType.SYMMETRIC_KEY, core_objects.TemplateAttribute(
            names=[template_name(aes)],
            attributes=[attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 256)])), "create from template").uuid)
        described = values(client, key_id, ["Cryptographic Algorithm", "Cryptographic Length",
                                            "Cryptographic Usage Mask"])
        assert described["Cryptographic Algorithm"][0].value == enums.CryptographicAlgorithm.AES, described
        assert described["Cryptographic Length"][0].value == 256, described
        assert described["Cryptographic Usage Mask"][0].value == (
            enums.CryptographicUsageMask.ENCRYPT.value | enums.CryptographicUsageMask.DECRYPT.value), described
        assert len(client.get(key_id).value) == 32
        ok("create")

        succeeded(proxy.register(
            enums.ObjectType.TEMPLATE,
            core_objects.TemplateAttribute(attributes=[attribute(enums.AttributeType.NAME, signing)]),
            secrets.Template(attributes=[
                attribute(enums.AttributeType.CRYPTOGRAPHIC_ALGORITHM, enums.CryptographicAlgorithm.RSA),
                attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 2048)])), "register key pair template")
        pair = succeeded(proxy.create_key_pair(
            common_template_attribute=core_objects.CommonTemplateAttribute(names=[template_name(signing)]),
            private_key_template_attribute=core_objects.PrivateKeyTemplateAttribute(attributes=[
                attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK, [enums.CryptographicUsageMask.SIGN])]),
            public_key_template_attribute=core_objects.PublicKeyTemplateAttribute(attributes=[
                attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK, [enums.CryptographicUsageMask.VERIFY])])),
            "create key pair from template")
        private = values(client, text(pair.private_key_uuid), ["Cryptographic Algorithm", "Cryptographic Length"])
        assert private["Cryptographic Algorithm"][0].value == enums.CryptographicAlgorithm.RSA, private
        assert private["Cryptographic Length"][0].value == 2048, private
        ok("create-key-pair")

        missing = proxy.create(enums.ObjectType.SYMMETRIC_KEY, core_objects.TemplateAttribute(
            names=[template_name("no-such-template-" + suffix)]))
        assert missing.result_reason.value == enums.ResultReason.ITEM_NOT_FOUND, missing.result_reason
        ok("unknown-template")


if __name__ == "__main__":
    main(*sys.argv[1:7])
