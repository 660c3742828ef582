"""Header identity for Barbican's functional suite: Donjon's harness, not part of Barbican.

Barbican's functionaltests authenticate every configured user against Keystone
(functionaltests/common/auth.py, FunctionalTestAuth) and send the token it returns. Donjon's test
server trusts identity headers instead, as Barbican's unauthenticated-context pipeline does, so this
module replaces FunctionalTestAuth with one that sends X-Project-Id, X-Roles and X-User-Id for the
user the suite names. The suite itself runs unmodified.

Python imports sitecustomize at interpreter start when it is on the path; BarbicanFunctionalSuite
puts this directory on PYTHONPATH only for the suite's run (stestr starts a fresh interpreter per
worker, so the replacement has to happen at start-up rather than in a runner script). It acts only
when DONJON_BARBICAN_HEADER_IDENTITY is set, and shadows Debian's own sitecustomize, which only
installs apport's crash hook.
"""
import os

if os.environ.get('DONJON_BARBICAN_HEADER_IDENTITY'):
    import uuid

    from requests import auth as requests_auth

    from functionaltests.common import auth as suite_auth

    # The users of functionaltests/common/config.py (its defaults, which the harness's
    # configuration keeps): the identity admin, the service admin, and the RBAC users whose
    # names say their project role.
    NAMED_ROLES = {
        'admin': 'admin',
        'service-admin': 'key-manager:service-admin',
    }
    SUFFIX_ROLES = (
        ('_admin', 'admin'),
        ('_creator', 'creator'),
        ('_creator_2', 'creator'),
        ('_observer', 'observer'),
        ('_auditor', 'audit'),
    )

    def role_of(username):
        if username in NAMED_ROLES:
            return NAMED_ROLES[username]
        for suffix, role in SUFFIX_ROLES:
            if username.endswith(suffix):
                return role
        raise ValueError('no role known for functional-test user %r' % username)

    def keystone_id(kind, name):
        """A stable opaque id for a name, as Keystone gives (its ids are not its names).

        Tests rely on the difference: test_secret_acl_auditor_with_acl_cannot_read lists the
        auditor's user *name* in an ACL and expects that not to grant the user anything.
        """
        return uuid.uuid5(uuid.NAMESPACE_URL,
                          'donjon-functional:%s:%s' % (kind, name)).hex

    class HeaderIdentityAuth(requests_auth.AuthBase):
        """FunctionalTestAuth's interface, answering from the configured names."""

        def __init__(self, endpoint, version, username, password,
                     project_name, project_domain):
            self.version = version
            self.username = username
            self.user_id = keystone_id('user', username)
            self.project_id = keystone_id('project', project_name)
            self.role = role_of(username)

        @property
        def service_catalog(self):
            raise RuntimeError('header identity has no service catalog: '
                               'set [keymanager] override_url')

        def get_user_id(self):
            return self.user_id

        def get_project_id(self):
            return self.project_id

        def __call__(self, request):
            request.headers['X-Project-Id'] = self.project_id
            request.headers['X-Roles'] = self.role
            request.headers['X-User-Id'] = self.user_id
            return request

    suite_auth.FunctionalTestAuth = HeaderIdentityAuth
