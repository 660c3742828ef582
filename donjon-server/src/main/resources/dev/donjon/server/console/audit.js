// The audit trail: GET /v1/audit-events, newest page as the server orders them, filtered on the page by text.
import {call} from './api.js';
import {field, h, replace, table, when} from './dom.js';
import {fail, pager} from './ui.js';

const PAGE = 20;
const state = {offset: 0, text: ''};

export function auditView(view) {
  const text = h('input', {id: 'audit-filter-text', type: 'search', value: state.text,
    placeholder: 'action, outcome, user, object…'});
  const results = h('div', {id: 'audit-results'});

  async function load() {
    let page;
    try {
      page = await call('GET', '/v1/audit-events', {query: {limit: PAGE, offset: state.offset}});
    } catch (problem) {
      if (problem.status === 404) {
        replace(results, h('p', {id: 'audit-unavailable', class: 'empty'},
          'The audit trail is not available on this server.'));
      } else {
        replace(results);
        fail(problem);
      }
      return;
    }
    const events = page.audit_events ?? [];
    const needle = state.text.toLowerCase();
    const rows = events
      .filter((event) => !needle || JSON.stringify(event).toLowerCase().includes(needle))
      .map((event) => {
        const actor = event.actor ?? {};
        return [String(event.seq), when(event.time), [actor.user, actor.project].filter(Boolean).join(' @ '),
          actor.auth_method ?? '', actor.source ?? '', event.action, event.object ?? '',
          h('span', {class: `outcome ${String(event.outcome).toLowerCase()}`}, event.outcome),
          event.reason ?? '', event.request_id ?? ''];
      });
    replace(results,
      table('audit-table', ['#', 'Time', 'Actor', 'Auth', 'Source', 'Action', 'Object', 'Outcome', 'Reason',
        'Request'], rows, 'No event matches.'),
      pager('audit-pager', state.offset, PAGE, events.length, page.total ?? events.length, (offset) => {
        state.offset = offset;
        load();
      }));
  }

  replace(view, h('section', {},
    h('h2', {}, 'Audit trail'),
    h('form', {id: 'audit-filter', class: 'filters', onsubmit: (event) => {
      event.preventDefault();
      state.text = text.value.trim();
      load();
    }}, field('Contains', text), h('button', {type: 'submit'}, 'Filter'),
    h('span', {class: 'hint'}, 'filters apply to the page shown')),
    results));
  load();
}
