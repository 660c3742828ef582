// Secrets: the filtered, paged listing, the creation form, and one secret's metadata, payload (on request) and ACL.
import {call, idOf} from './api.js';
import {facts, field, h, options, replace, table, when} from './dom.js';
import {announce, attempt, deleteButton, fail, navigate, pager} from './ui.js';
import {aclEditor} from './acl.js';

const PAGE = 10;
const TYPES = ['', 'opaque', 'passphrase', 'symmetric', 'private', 'public', 'certificate'];
const filters = {name: '', secret_type: '', offset: 0};

export function secretList(view) {
  const name = h('input', {id: 'secret-filter-name', type: 'search', value: filters.name, placeholder: 'exact name'});
  const type = h('select', {id: 'secret-filter-type'}, options(TYPES, filters.secret_type));
  const results = h('div', {id: 'secret-results'});
  const form = h('form', {id: 'secret-filter', class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    Object.assign(filters, {name: name.value.trim(), secret_type: type.value, offset: 0});
    load();
  }}, field('Name', name), field('Type', type), h('button', {type: 'submit'}, 'Filter'));

  async function load() {
    const page = await attempt(() => call('GET', '/v1/secrets', {query: {
      limit: PAGE, offset: filters.offset, name: filters.name, secret_type: filters.secret_type}}));
    if (!page) {
      return;
    }
    const rows = page.secrets.map((secret) => {
      const id = idOf(secret.secret_ref);
      return [
        h('a', {href: `#/secrets/${id}`, class: 'secret-link'}, secret.name || id),
        secret.secret_type, secret.algorithm ?? '', secret.bit_length ?? '', secret.status, when(secret.created),
        when(secret.expiration),
      ];
    });
    replace(results,
      table('secret-table', ['Name', 'Type', 'Algorithm', 'Bits', 'Status', 'Created', 'Expires'], rows,
        'No secret matches.'),
      pager('secret-pager', filters.offset, PAGE, rows.length, page.total, (offset) => {
        filters.offset = offset;
        load();
      }));
  }

  replace(view, h('section', {},
    h('div', {class: 'heading'}, h('h2', {}, 'Secrets'), h('a', {href: '#/secrets/new', class: 'button',
      id: 'new-secret'}, 'New secret')),
    form, results));
  load();
}

export function secretDetail(view, id) {
  if (id === 'new') {
    replace(view, creationForm());
    return;
  }
  const section = h('section', {id: 'secret-detail'}, h('h2', {}, 'Secret'));
  replace(view, section);
  attempt(async () => {
    const secret = await call('GET', `/v1/secrets/${encodeURIComponent(id)}`);
    const metadata = await call('GET', `/v1/secrets/${encodeURIComponent(id)}/metadata`).catch(() => null);
    const types = secret.content_types ?? {};
    replace(section,
      h('div', {class: 'heading'}, h('h2', {}, secret.name || id),
        deleteButton('delete-secret', `secret ${secret.name || id}`,
          () => call('DELETE', `/v1/secrets/${encodeURIComponent(id)}`), () => navigate('#/secrets'))),
      facts('secret-facts', [
        ['ID', id], ['Type', secret.secret_type], ['Status', secret.status], ['Algorithm', secret.algorithm],
        ['Bit length', secret.bit_length], ['Mode', secret.mode], ['Content type', types.default],
        ['Created', when(secret.created)], ['Updated', when(secret.updated)],
        ['Expiration', when(secret.expiration)], ['Creator', secret.creator_id],
        ['Consumers', (secret.consumers ?? []).map((c) => `${c.service}/${c.resource_type}/${c.resource_id}`)
          .join(', ')],
      ]),
      metadata && Object.keys(metadata.metadata ?? {}).length > 0
        ? h('div', {}, h('h3', {}, 'Metadata'), facts('secret-metadata', Object.entries(metadata.metadata)))
        : null,
      payloadPanel(id, types.default),
      aclEditor('secrets', id));
  });
}

/** The payload stays on the server until the user asks for it, and leaves the page when hidden. */
function payloadPanel(id, contentType) {
  const panel = h('div', {id: 'payload-panel'}, h('h3', {}, 'Payload'));
  if (!contentType) {
    panel.append(h('p', {class: 'empty'}, 'This secret has no payload.'));
    return panel;
  }
  const output = h('div', {id: 'payload-output'});
  const reveal = h('button', {id: 'reveal-payload', type: 'button', onclick: async () => {
    const payload = await attempt(() => call('GET', `/v1/secrets/${encodeURIComponent(id)}/payload`,
      {accept: contentType}));
    if (!payload) {
      return;
    }
    const text = payload.contentType.startsWith('text/')
      ? new TextDecoder().decode(payload.bytes)
      : btoa(String.fromCharCode(...payload.bytes));
    payload.bytes.fill(0);
    reveal.hidden = true;
    replace(output,
      h('pre', {id: 'payload-value', class: 'payload'}, text),
      h('p', {class: 'hint'}, payload.contentType.startsWith('text/') ? payload.contentType
        : `${payload.contentType}, shown in base64`),
      h('button', {id: 'hide-payload', type: 'button', onclick: () => {
        replace(output);
        reveal.hidden = false;
      }}, 'Hide payload'));
  }}, 'Show payload');
  panel.append(h('p', {class: 'hint'}, 'The payload is fetched only when you ask, and only if your role allows it.'),
    reveal, output);
  return panel;
}

function creationForm() {
  const name = h('input', {id: 'secret-name', required: true, maxlength: 255});
  const type = h('select', {id: 'secret-type'}, options(TYPES.slice(1), 'opaque'));
  const payload = h('textarea', {id: 'secret-payload', rows: 4, spellcheck: 'false', autocomplete: 'off'});
  const encoding = h('select', {id: 'secret-encoding'},
    options([['text', 'text (text/plain)'], ['base64', 'base64 (application/octet-stream)']], 'text'));
  const algorithm = h('input', {id: 'secret-algorithm', placeholder: 'e.g. aes'});
  const bits = h('input', {id: 'secret-bits', type: 'number', min: 0, step: 1});
  const expiration = h('input', {id: 'secret-expiration', type: 'datetime-local'});
  return h('form', {id: 'secret-create', class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const body = {name: name.value.trim(), secret_type: type.value};
    if (payload.value !== '') {
      body.payload = payload.value;
      if (encoding.value === 'base64') {
        body.payload_content_type = 'application/octet-stream';
        body.payload_content_encoding = 'base64';
      } else {
        body.payload_content_type = 'text/plain';
      }
    }
    if (algorithm.value.trim()) {
      body.algorithm = algorithm.value.trim();
    }
    if (bits.value) {
      body.bit_length = Number(bits.value);
    }
    if (expiration.value) {
      body.expiration = new Date(expiration.value).toISOString();
    }
    try {
      const created = await call('POST', '/v1/secrets', {body});
      payload.value = '';
      announce(`Created secret ${body.name}.`);
      navigate(`#/secrets/${idOf(created.secret_ref)}`);
    } catch (problem) {
      fail(problem);
    }
  }},
  h('h2', {}, 'New secret'),
  field('Name', name), field('Type', type), field('Payload', payload), field('Payload encoding', encoding),
  field('Algorithm', algorithm), field('Bit length', bits), field('Expiration (optional)', expiration),
  h('div', {class: 'actions'}, h('button', {type: 'submit', id: 'secret-submit'}, 'Create'),
    h('a', {href: '#/secrets', class: 'button secondary'}, 'Cancel')));
}
