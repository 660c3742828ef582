#!/usr/bin/python3
"""Replay Barbican's captured scenario against Donjon and compare it, exchange by exchange, with Barbican's answers.

    /usr/bin/python3 scripts/capture-replay.py REFERENCE_DIR BASE_URL CA_FILE OUT_DIR

REFERENCE_DIR holds capture.py, captures.md and captures-multistore.md (../shared/reference/barbican). capture.py
speaks plain HTTP; for an HTTPS Donjon it runs here with http.client's connection swapped for a TLS one that trusts
CA_FILE (empty for plain HTTP). Both transcripts are normalized the same way (ids, dates, run ids, base URL) and each
exchange is compared on what a client acts on: status, Content-Type, Location and body. Exchanges Barbican answered
only in multi-store mode are compared with captures-multistore.md.

Writes OUT_DIR/donjon.md (the raw replay) and OUT_DIR/differences.md, and prints a JSON summary:
{"compared": n, "different": [titles], "missing": [titles Donjon's replay lacks], "extra": [titles only Donjon has]}.
"""
import contextlib
import http.client
import json
import os
import re
import runpy
import ssl
import sys

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DATE_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)?")
BASE_RE = re.compile(r"https?://127\.0\.0\.1:\d+")
RUN_RE = re.compile(r"proj-[ab]-(\d{6})")


def replay(reference, base_url, ca_file, out):
    if ca_file:
        context = ssl.create_default_context(cafile=ca_file)

        class TlsConnection(http.client.HTTPSConnection):
            def __init__(self, host, port=None, **kwargs):
                super().__init__(host, port, context=context, **kwargs)

        http.client.HTTPConnection = TlsConnection
    argv = sys.argv
    sys.argv = ["capture.py", base_url, out]
    try:
        with contextlib.redirect_stdout(sys.stderr):
            runpy.run_path(os.path.join(reference, "capture.py"), run_name="__main__")
    finally:
        sys.argv = argv


def exchanges(path):
    """title -> {status, content-type, location, body}, from a capture.py transcript, normalized."""
    text = open(path, encoding="utf-8").read()
    run = RUN_RE.search(text)
    if run:
        text = text.replace(run.group(1), "<run>")
    text = BASE_RE.sub("<base>", UUID_RE.sub("<uuid>", DATE_RE.sub("<date>", text)))
    result = {}
    for chunk in text.split("\n### ")[1:]:
        title, _, rest = chunk.partition("\n")
        block = rest.split("```http\n", 1)[1].rsplit("```", 1)[0]
        response = block.split("\n--> ", 1)[1]
        head, _, body = response.partition("\n\n")
        lines = head.split("\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(": ")
            headers[name.lower()] = value
        result[title] = {"status": lines[0].split(" ")[0], "content-type": headers.get("content-type"),
                         "location": headers.get("location"), "body": canonical(body.strip())}
    return result


def canonical(body):
    try:
        return json.dumps(json.loads(body), sort_keys=True, indent=1)
    except ValueError:
        return body


def main(reference, base_url, ca_file, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    donjon_md = os.path.join(out_dir, "donjon.md")
    replay(reference, base_url, ca_file, donjon_md)
    # Donjon always answers as Barbican in multi-store mode, so those answers win where both captures have one.
    barbican = exchanges(os.path.join(reference, "captures.md"))
    barbican.update(exchanges(os.path.join(reference, "captures-multistore.md")))
    donjon = exchanges(donjon_md)
    different = [t for t in donjon if t in barbican and donjon[t] != barbican[t]]
    with open(os.path.join(out_dir, "differences.md"), "w", encoding="utf-8") as report:
        for title in different:
            report.write(f"## {title}\n\n")
            for field in ("status", "content-type", "location", "body"):
                if donjon[title][field] != barbican[title][field]:
                    report.write(f"{field}:\n- Barbican: {barbican[title][field]}\n- Donjon:   {donjon[title][field]}\n\n")
    print(json.dumps({"compared": len([t for t in donjon if t in barbican]), "different": different,
                      "missing": [t for t in barbican if t not in donjon],
                      "extra": [t for t in donjon if t not in barbican]}))


if __name__ == "__main__":
    main(*sys.argv[1:5])
