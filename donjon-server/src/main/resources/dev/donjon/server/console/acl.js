// The read ACL of a secret or container: which users (of any project) may read it, and whether the project's own
// users keep their role-based access (project-access false makes it private).
import {call} from './api.js';
import {field, h, replace, when} from './dom.js';
import {announce, attempt} from './ui.js';

/** kind is 'secrets' or 'containers'. */
export function aclEditor(kind, id) {
  const path = `/v1/${kind}/${encodeURIComponent(id)}/acl`;
  const section = h('section', {id: 'acl-editor', class: 'card'}, h('h3', {}, 'Access control (read)'));

  async function load() {
    const acl = await attempt(() => call('GET', path));
    if (!acl) {
      return;
    }
    const read = acl.read ?? {};
    const projectAccess = h('input', {id: 'acl-project-access', type: 'checkbox',
      checked: read['project-access'] !== false});
    const users = h('textarea', {id: 'acl-users', rows: 3, spellcheck: 'false',
      placeholder: 'one user id per line'});
    users.value = (read.users ?? []).join('\n');
    replace(section,
      h('h3', {}, 'Access control (read)'),
      h('p', {class: 'hint'}, read.created
        ? `Set ${when(read.created)}, updated ${when(read.updated)}.`
        : 'No ACL set: the project\'s roles decide.'),
      h('form', {id: 'acl-form', onsubmit: async (event) => {
        event.preventDefault();
        const list = users.value.split(/[\s,]+/).filter((user) => user !== '');
        const saved = await attempt(() => call('PUT', path,
          {body: {read: {'project-access': projectAccess.checked, users: list}}}));
        if (saved) {
          announce('ACL saved.');
          load();
        }
      }},
      h('label', {class: 'check'}, projectAccess,
        ' Project access (unchecked: private to its creator, the project admins and the users below)'),
      field('Users allowed to read', users),
      h('div', {class: 'actions'},
        h('button', {type: 'submit', id: 'acl-save'}, 'Save ACL'),
        h('button', {type: 'button', id: 'acl-reset', class: 'secondary', onclick: async () => {
          if ((await attempt(async () => {
            await call('DELETE', path);
            return true;
          })) === true) {
            announce('ACL removed.');
            load();
          }
        }}, 'Remove ACL'))));
  }

  load();
  return section;
}
