"""Castellan's BarbicanKeyManager against a Donjon server, as Nova, Cinder and Glance use it.

Usage: castellan_donjon.py BASE_URL CA_FILE PROJECT
Prints one JSON object describing what each step observed; exits non-zero with a traceback on stderr if a step
raised unexpectedly. Castellan has no no-auth mode, so the fixture below is a keystoneauth plugin that sends Donjon's
trusted identity headers (enabled in the test server) instead of a Keystone token.
"""
import json
import sys

from castellan import options
from cryptography.hazmat.primitives import serialization
from castellan.common import exception
from castellan.common.objects import passphrase, symmetric_key
from castellan.key_manager import barbican_key_manager
from keystoneauth1 import plugin
from oslo_config import cfg


class IdentityHeaders(plugin.BaseAuthPlugin):
    """Authenticates every request with X-Project-Id / X-User-Id / X-Roles."""

    def __init__(self, project, user, roles):
        super().__init__()
        self._headers = {'X-Project-Id': project, 'X-User-Id': user, 'X-Roles': roles}

    def get_headers(self, session, **kwargs):
        return dict(self._headers)


class Context:
    """Castellan only needs a context it can compare; the identity comes from the plugin."""

    def __init__(self, project):
        self.project_id = project


def main(base_url, ca_file, project):
    conf = cfg.ConfigOpts()
    conf([])
    options.set_defaults(conf, backend='barbican', barbican_endpoint=base_url, barbican_api_version='v1',
                         verify_ssl=True, verify_ssl_path=ca_file, retry_delay=0, number_of_retries=5)
    manager = barbican_key_manager.BarbicanKeyManager(conf)
    manager._get_keystone_auth = lambda context: IdentityHeaders(project, 'castellan-user', 'admin')
    context = Context(project)
    seen = {}

    key_id = manager.create_key(context, 'AES', 256, name='castellan-key')
    key = manager.get(context, key_id)
    seen['create_key'] = {'class': type(key).__name__, 'algorithm': key.algorithm, 'bits': key.bit_length,
                          'bytes': len(key.get_encoded()), 'name': key.name}

    private_id, public_id = manager.create_key_pair(context, 'RSA', 2048, name='castellan-pair')
    public = manager.get(context, public_id)
    private = manager.get(context, private_id)
    seen['create_key_pair'] = {'public': type(public).__name__, 'private': type(private).__name__,
                               'algorithm': private.algorithm, 'bits': private.bit_length,
                               'public_bits': serialization.load_der_public_key(public.get_encoded()).key_size,
                               'distinct': public_id != private_id}

    raw = bytes(range(16))
    stored_key_id = manager.store(context, symmetric_key.SymmetricKey('AES', 128, raw, name='stored-key'))
    stored_key = manager.get(context, stored_key_id)
    seen['store_symmetric'] = {'roundtrip': stored_key.get_encoded() == raw, 'bits': stored_key.bit_length,
                               'name': stored_key.name}

    stored_phrase_id = manager.store(context, passphrase.Passphrase(b'correct horse battery', name='phrase'))
    stored_phrase = manager.get(context, stored_phrase_id)
    seen['store_passphrase'] = {'roundtrip': stored_phrase.get_encoded() == b'correct horse battery',
                                'class': type(stored_phrase).__name__}

    listed = manager.list(context)
    listed_ids = {item.id for item in listed}
    seen['list'] = {'all': {key_id, public_id, private_id, stored_key_id, stored_phrase_id} <= listed_ids,
                    'count': len(listed)}
    symmetric_only = manager.list(context, object_type=symmetric_key.SymmetricKey)
    seen['list_symmetric'] = sorted(type(item).__name__ for item in symmetric_only)

    manager.delete(context, stored_key_id)
    try:
        manager.get(context, stored_key_id)
        seen['get_after_delete'] = 'found'
    except exception.ManagedObjectNotFoundError:
        seen['get_after_delete'] = 'ManagedObjectNotFoundError'
    seen['list_after_delete'] = stored_key_id not in {item.id for item in manager.list(context)}

    print(json.dumps(seen, sort_keys=True))


if __name__ == '__main__':
    main(*sys.argv[1:4])
