// Containers: listing filtered by name and type, creation from the project's secrets, detail with ACL.
import {call, idOf} from './api.js';
import {facts, field, h, options, replace, table, when} from './dom.js';
import {announce, attempt, deleteButton, fail, navigate, pager} from './ui.js';
import {aclEditor} from './acl.js';

const PAGE = 10;
const TYPES = ['', 'generic', 'rsa', 'certificate'];
const filters = {name: '', type: '', offset: 0};

export function containerList(view) {
  const name = h('input', {id: 'container-filter-name', type: 'search', value: filters.name,
    placeholder: 'exact name'});
  const type = h('select', {id: 'container-filter-type'}, options(TYPES, filters.type));
  const results = h('div', {id: 'container-results'});

  async function load() {
    const page = await attempt(() => call('GET', '/v1/containers', {query: {
      limit: PAGE, offset: filters.offset, name: filters.name, type: filters.type}}));
    if (!page) {
      return;
    }
    const rows = page.containers.map((container) => {
      const id = idOf(container.container_ref);
      return [h('a', {href: `#/containers/${id}`}, container.name || id), container.type,
        String((container.secret_refs ?? []).length), container.status, when(container.created)];
    });
    replace(results,
      table('container-table', ['Name', 'Type', 'Secrets', 'Status', 'Created'], rows, 'No container matches.'),
      pager('container-pager', filters.offset, PAGE, rows.length, page.total, (offset) => {
        filters.offset = offset;
        load();
      }));
  }

  replace(view, h('section', {},
    h('div', {class: 'heading'}, h('h2', {}, 'Containers'),
      h('a', {href: '#/containers/new', class: 'button', id: 'new-container'}, 'New container')),
    h('form', {id: 'container-filter', class: 'filters', onsubmit: (event) => {
      event.preventDefault();
      Object.assign(filters, {name: name.value.trim(), type: type.value, offset: 0});
      load();
    }}, field('Name', name), field('Type', type), h('button', {type: 'submit'}, 'Filter')),
    results));
  load();
}

export function containerDetail(view, id) {
  if (id === 'new') {
    replace(view, creationForm());
    return;
  }
  const section = h('section', {id: 'container-detail'}, h('h2', {}, 'Container'));
  replace(view, section);
  attempt(async () => {
    const container = await call('GET', `/v1/containers/${encodeURIComponent(id)}`);
    replace(section,
      h('div', {class: 'heading'}, h('h2', {}, container.name || id),
        deleteButton('delete-container', `container ${container.name || id}`,
          () => call('DELETE', `/v1/containers/${encodeURIComponent(id)}`), () => navigate('#/containers'))),
      facts('container-facts', [['ID', id], ['Type', container.type], ['Status', container.status],
        ['Created', when(container.created)], ['Updated', when(container.updated)],
        ['Creator', container.creator_id]]),
      h('h3', {}, 'Secrets'),
      table('container-secrets', ['Name', 'Secret'], (container.secret_refs ?? []).map((ref) =>
        [ref.name ?? '', h('a', {href: `#/secrets/${idOf(ref.secret_ref)}`}, idOf(ref.secret_ref))]),
      'No secrets.'),
      h('h3', {}, 'Consumers'),
      table('container-consumers', ['Name', 'URL'], (container.consumers ?? []).map((c) => [c.name, c.URL]),
        'No consumers.'),
      aclEditor('containers', id));
  });
}

function creationForm() {
  const name = h('input', {id: 'container-name', required: true, maxlength: 255});
  const type = h('select', {id: 'container-type'}, options(TYPES.slice(1), 'generic'));
  const rows = h('div', {id: 'container-refs'});
  const form = h('form', {id: 'container-create', class: 'card'});
  let secrets = [];
  // Enabled once the project's secrets are known, for the rows to offer them.
  const addButton = h('button', {type: 'button', id: 'container-add-ref', class: 'secondary', disabled: true,
    onclick: addRow}, 'Add a secret');

  function addRow() {
    rows.append(h('div', {class: 'ref-row'},
      h('input', {class: 'ref-name', placeholder: 'name in container, e.g. private_key', 'aria-label': 'Name'}),
      h('select', {class: 'ref-secret', 'aria-label': 'Secret'}, options(secrets.map((s) =>
        [idOf(s.secret_ref), `${s.name || idOf(s.secret_ref)} (${s.secret_type})`]))),
      h('button', {type: 'button', class: 'secondary', onclick: (event) => event.target.parentElement.remove()},
        'Remove')));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const refs = [...rows.querySelectorAll('.ref-row')].map((row) => ({
      name: row.querySelector('.ref-name').value.trim(),
      secret_ref: `${location.origin}/v1/secrets/${row.querySelector('.ref-secret').value}`,
    }));
    try {
      const created = await call('POST', '/v1/containers',
        {body: {name: name.value.trim(), type: type.value, secret_refs: refs}});
      announce(`Created container ${name.value.trim()}.`);
      navigate(`#/containers/${idOf(created.container_ref)}`);
    } catch (problem) {
      fail(problem);
    }
  });
  replace(form, h('h2', {}, 'New container'), field('Name', name), field('Type', type),
    h('h3', {}, 'Secrets'), rows,
    h('div', {class: 'actions'},
      addButton,
      h('button', {type: 'submit', id: 'container-submit'}, 'Create'),
      h('a', {href: '#/containers', class: 'button secondary'}, 'Cancel')));
  attempt(async () => {
    secrets = (await call('GET', '/v1/secrets', {query: {limit: 100}})).secrets;
    addButton.disabled = false;
  });
  return form;
}
