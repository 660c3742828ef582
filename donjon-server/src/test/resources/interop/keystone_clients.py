"""python3-barbicanclient and python3-castellan, unmodified, logging in to Keystone with a password.

Both find Donjon through the token's service catalog (the key-manager endpoint registered in
Keystone) and send the Keystone token, which Donjon validates against Keystone. Each stores, reads
and deletes a secret. Prints one JSON object of what was seen.

usage: keystone_clients.py AUTH_URL USERNAME PASSWORD PROJECT_ID CA_FILE
"""
import json
import sys

from barbicanclient import client as barbican_client
from barbicanclient import exceptions as barbican_exceptions
from castellan.common.credentials import keystone_password
from castellan.common import exception as castellan_exception
from castellan.common.objects import passphrase
from castellan import key_manager
from castellan import options
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from oslo_config import cfg

auth_url, username, password, project_id, ca_file = sys.argv[1:6]
seen = {}

# barbicanclient: a keystoneauth session, the endpoint from the catalog.
auth = v3.Password(auth_url=auth_url, username=username, password=password,
                   user_domain_id='default', project_id=project_id)
session = ks_session.Session(auth=auth, verify=ca_file)
barbican = barbican_client.Client(session=session)
seen['catalog_endpoint'] = session.get_endpoint(service_type='key-manager', interface='public')
secret = barbican.secrets.create(name='via-keystone', payload='barbicanclient payload')
ref = secret.store()
seen['barbicanclient_get'] = barbican.secrets.get(ref).payload
barbican.secrets.delete(ref)
try:
    barbican.secrets.get(ref).payload
    seen['barbicanclient_after_delete'] = 'still there'
except barbican_exceptions.HTTPClientError as e:
    seen['barbicanclient_after_delete'] = e.status_code

# castellan: its Barbican key manager logs in with a KeystonePassword credential.
conf = cfg.ConfigOpts()
options.set_defaults(conf, backend='barbican', auth_endpoint=auth_url, barbican_endpoint_type='public')
conf.set_override('verify_ssl_path', ca_file, group='barbican')
manager = key_manager.API(conf)
context = keystone_password.KeystonePassword(password, auth_url=auth_url, username=username,
                                            user_domain_id='default',
                                       project_id=project_id)
stored = manager.store(context, passphrase.Passphrase(b'castellan payload'))
seen['castellan_get'] = manager.get(context, stored).get_encoded().decode()
manager.delete(context, stored)
try:
    manager.get(context, stored)
    seen['castellan_after_delete'] = 'still there'
except castellan_exception.ManagedObjectNotFoundError:
    seen['castellan_after_delete'] = 'ManagedObjectNotFoundError'

print(json.dumps(seen, sort_keys=True))
