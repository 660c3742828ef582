// Sign-in: the user pastes a Donjon API token; it is checked with one listing call before it is kept.
import {call, session} from './api.js';
import {h} from './dom.js';
import {fail} from './ui.js';

export function loginView(signedIn) {
  const token = h('input', {id: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    placeholder: 'djt_…'});
  const form = h('form', {id: 'login', class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const value = token.value.trim();
    token.value = '';
    session.signIn(value);
    try {
      await call('GET', '/v1/secrets', {query: {limit: 1}});
      signedIn();
    } catch (problem) {
      session.signOut();
      if (problem.status !== 401) {
        fail(problem);
      }
    }
  }},
  h('h2', {}, 'Sign in'),
  h('p', {}, 'Paste a Donjon API token (from ', h('code', {}, 'donjon token create'), '). It is kept in this tab only ' +
    'and sent to the API as the X-Auth-Token header.'),
  h('label', {class: 'field'}, h('span', {}, 'API token'), token),
  h('button', {type: 'submit', id: 'sign-in'}, 'Sign in'));
  return form;
}
