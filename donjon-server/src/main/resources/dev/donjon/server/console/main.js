// The console's entry point: sign-in state and the hash routes (#/secrets, #/secrets/<id>, ...). Routes carry object
// ids and filters only, never the token.
import {session, UNAUTHORIZED} from './api.js';
import {replace} from './dom.js';
import {clearBanners, fail, navigate, pageChanged} from './ui.js';
import {loginView} from './login.js';
import {secretList, secretDetail} from './secrets.js';
import {containerList, containerDetail} from './containers.js';
import {orderList, orderDetail} from './orders.js';
import {auditView} from './audit.js';

const views = {
  secrets: [secretList, secretDetail],
  containers: [containerList, containerDetail],
  orders: [orderList, orderDetail],
  audit: [auditView, auditView],
};

const view = () => document.getElementById('view');

function route() {
  const signedIn = session.token() !== null;
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  if (!signedIn) {
    replace(view(), loginView(() => {
      clearBanners();
      navigate('#/secrets');
    }));
    return;
  }
  const [, name = 'secrets', id] = location.hash.split('/');
  const pair = views[name] ?? views.secrets;
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('current', link.dataset.view === name);
  }
  const container = view();
  replace(container);
  (id ? pair[1] : pair[0])(container, id ? decodeURIComponent(id) : undefined);
}

window.addEventListener('hashchange', () => {
  pageChanged();
  route();
});
window.addEventListener(UNAUTHORIZED, () => {
  session.signOut();
  route();
  fail('The server refused the token (expired, revoked or mistyped): sign in again.');
});
document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  clearBanners();
  history.replaceState(null, '', location.pathname);
  route();
});
route();
