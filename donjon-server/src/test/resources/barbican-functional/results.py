"""Reads the subunit v2 streams stestr wrote and prints one JSON line per test: Donjon's harness.

    results.py RUN.subunit [RUN.subunit ...]

Each line is {"id": ..., "status": "success|fail|skip|...", "details": "..."}; the id is the test's
id without testtools' attribute suffix ("[negative,security]"). Details (tracebacks, skip reasons)
are kept only for tests that did not succeed, so that BarbicanFunctionalSuite can name why.
"""
import json
import re
import sys

import subunit
import testtools

ATTRIBUTES = re.compile(r'\[[^\]]*\]$')


def main(paths):
    for path in paths:
        with open(path, 'rb') as stream:
            collector = testtools.StreamToDict(emit)
            result = testtools.StreamResultRouter(collector)
            case = subunit.ByteStreamToStreamResult(
                stream, non_subunit_name='stdout')
            result.startTestRun()
            try:
                case.run(result)
            finally:
                result.stopTestRun()


def emit(test):
    if test['id'] is None or test['status'] in (None, 'exists'):
        return
    details = ''
    if test['status'] != 'success':
        details = '\n'.join(
            content.as_text() for name, content in sorted(test['details'].items())
            if content.content_type.type == 'text')
    print(json.dumps({'id': ATTRIBUTES.sub('', test['id']),
                      'status': test['status'], 'details': details}))


if __name__ == '__main__':
    main(sys.argv[1:])
