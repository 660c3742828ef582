// Orders: keys and key pairs the server generates. Listing (filtered by type and status on the page, since Barbican's
// order listing has no filters), creation, detail with the generated secret or container, deletion.
import {call, idOf} from './api.js';
import {facts, field, h, options, replace, table, when} from './dom.js';
import {announce, attempt, deleteButton, fail, navigate, pager} from './ui.js';

const PAGE = 10;
const filters = {type: '', status: '', offset: 0};

export function orderList(view) {
  const type = h('select', {id: 'order-filter-type'}, options(['', 'key', 'asymmetric', 'certificate'], filters.type));
  const status = h('select', {id: 'order-filter-status'}, options(['', 'PENDING', 'ACTIVE', 'ERROR'], filters.status));
  const results = h('div', {id: 'order-results'});

  async function load() {
    const page = await attempt(() => call('GET', '/v1/orders', {query: {limit: PAGE, offset: filters.offset}}));
    if (!page) {
      return;
    }
    const rows = page.orders
      .filter((order) => (!filters.type || order.type === filters.type)
        && (!filters.status || order.status === filters.status))
      .map((order) => {
        const id = idOf(order.order_ref);
        const meta = order.meta ?? {};
        return [h('a', {href: `#/orders/${id}`}, meta.name || id), order.type, meta.algorithm ?? '',
          meta.bit_length ?? '', order.status, when(order.created)];
      });
    replace(results,
      table('order-table', ['Name', 'Type', 'Algorithm', 'Bits', 'Status', 'Created'], rows, 'No order matches.'),
      pager('order-pager', filters.offset, PAGE, page.orders.length, page.total, (offset) => {
        filters.offset = offset;
        load();
      }));
  }

  replace(view, h('section', {},
    h('div', {class: 'heading'}, h('h2', {}, 'Orders'),
      h('a', {href: '#/orders/new', class: 'button', id: 'new-order'}, 'New order')),
    h('form', {id: 'order-filter', class: 'filters', onsubmit: (event) => {
      event.preventDefault();
      Object.assign(filters, {type: type.value, status: status.value});
      load();
    }}, field('Type', type), field('Status', status), h('button', {type: 'submit'}, 'Filter'),
    h('span', {class: 'hint'}, 'filters apply to the page shown')),
    results));
  load();
}

export function orderDetail(view, id) {
  if (id === 'new') {
    replace(view, creationForm());
    return;
  }
  const section = h('section', {id: 'order-detail'}, h('h2', {}, 'Order'));
  replace(view, section);
  attempt(async () => {
    const order = await call('GET', `/v1/orders/${encodeURIComponent(id)}`);
    const meta = order.meta ?? {};
    replace(section,
      h('div', {class: 'heading'}, h('h2', {}, meta.name || id),
        deleteButton('delete-order', `order ${meta.name || id}`,
          () => call('DELETE', `/v1/orders/${encodeURIComponent(id)}`), () => navigate('#/orders'))),
      facts('order-facts', [['ID', id], ['Type', order.type], ['Status', order.status],
        ['Algorithm', meta.algorithm], ['Bit length', meta.bit_length], ['Mode', meta.mode],
        ['Created', when(order.created)], ['Updated', when(order.updated)],
        ['Error', order.error_reason ? `${order.error_status_code ?? ''} ${order.error_reason}` : ''],
        ['Secret', order.secret_ref ? h('a', {href: `#/secrets/${idOf(order.secret_ref)}`}, idOf(order.secret_ref))
          : ''],
        ['Container', order.container_ref
          ? h('a', {href: `#/containers/${idOf(order.container_ref)}`}, idOf(order.container_ref)) : '']]));
  });
}

function creationForm() {
  const name = h('input', {id: 'order-name', maxlength: 255});
  const type = h('select', {id: 'order-type'}, options([['key', 'key (symmetric)'], ['asymmetric', 'asymmetric (key pair)']],
    'key'));
  const algorithm = h('input', {id: 'order-algorithm', value: 'aes', required: true});
  const bits = h('input', {id: 'order-bits', type: 'number', value: '256', min: 1, step: 1, required: true});
  const mode = h('input', {id: 'order-mode', value: 'cbc'});
  type.addEventListener('change', () => {
    const key = type.value === 'key';
    algorithm.value = key ? 'aes' : 'rsa';
    bits.value = key ? '256' : '2048';
    mode.value = key ? 'cbc' : '';
  });
  return h('form', {id: 'order-create', class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const meta = {algorithm: algorithm.value.trim(), bit_length: Number(bits.value),
      payload_content_type: 'application/octet-stream'};
    if (name.value.trim()) {
      meta.name = name.value.trim();
    }
    if (mode.value.trim()) {
      meta.mode = mode.value.trim();
    }
    try {
      const created = await call('POST', '/v1/orders', {body: {type: type.value, meta}});
      announce('Order placed.');
      navigate(`#/orders/${idOf(created.order_ref)}`);
    } catch (problem) {
      fail(problem);
    }
  }},
  h('h2', {}, 'New order'), field('Type', type), field('Name', name), field('Algorithm', algorithm),
  field('Bit length', bits), field('Mode', mode),
  h('div', {class: 'actions'}, h('button', {type: 'submit', id: 'order-submit'}, 'Order'),
    h('a', {href: '#/orders', class: 'button secondary'}, 'Cancel')));
}
