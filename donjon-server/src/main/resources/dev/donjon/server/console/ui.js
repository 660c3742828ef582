// The page's shared parts: the status and error banners, the delete confirmation and the pager.
import {h, replace} from './dom.js';

const notice = () => document.getElementById('notice');
const error = () => document.getElementById('error');
let keepOnNextPage = false;

/** Shows another route (again, when it is the current one: after a change on the page). */
export function navigate(hash) {
  if (location.hash === hash) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

/** Shows a success message, kept on the page the action leads to, and clears any earlier error. */
export function announce(message) {
  keepOnNextPage = true;
  error().hidden = true;
  replace(notice(), message);
  notice().hidden = false;
}

/** Shows why an action failed (the API's own words), keeping what is on screen. */
export function fail(problem) {
  keepOnNextPage = false;
  notice().hidden = true;
  replace(error(), problem instanceof Error ? problem.message : String(problem));
  error().hidden = false;
}

/** Called when the route changes: an announcement survives the move its action made, then goes. */
export function pageChanged() {
  if (keepOnNextPage) {
    keepOnNextPage = false;
    return;
  }
  clearBanners();
}

export function clearBanners() {
  notice().hidden = true;
  error().hidden = true;
}

/** Runs an action, showing its failure in the error banner; resolves to its result or undefined. */
export async function attempt(action) {
  try {
    return await action();
  } catch (problem) {
    fail(problem);
    return undefined;
  }
}

/** Asks before deleting; resolves to whether the user confirmed. */
export function confirmDelete(what) {
  const dialog = document.getElementById('confirm');
  replace(document.getElementById('confirm-text'), `Delete ${what}? This cannot be undone.`);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true});
    dialog.returnValue = '';
    dialog.showModal();
  });
}

/**
 * Previous/next buttons for a listing of total items seen from offset, limit at a time; move(offset) shows another
 * page.
 */
export function pager(id, offset, limit, count, total, move) {
  const last = offset + count;
  return h('div', {id, class: 'pager'},
    h('button', {type: 'button', disabled: offset === 0, onclick: () => move(Math.max(0, offset - limit))},
      'Previous'),
    h('span', {class: 'range'}, total === 0 ? 'none' : `${offset + 1}–${last} of ${total}`),
    h('button', {type: 'button', disabled: last >= total, onclick: () => move(offset + limit)}, 'Next'));
}

/** A delete button that confirms, then calls remove and done. */
export function deleteButton(id, what, remove, done) {
  return h('button', {id, type: 'button', class: 'danger', onclick: async () => {
    if (!(await confirmDelete(what))) {
      return;
    }
    if ((await attempt(async () => {
      await remove();
      return true;
    })) === true) {
      announce(`Deleted ${what}.`);
      done();
    }
  }}, 'Delete');
}
