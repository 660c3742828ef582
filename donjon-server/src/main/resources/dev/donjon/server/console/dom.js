// Builds DOM nodes from data without ever parsing it as HTML: every value becomes a text node or an attribute.

/**
 * h('button', {class: 'danger', onclick: fn}, 'Delete') creates an element. Attributes named on* add listeners,
 * booleans set or omit the attribute, null and undefined are left out; children are nodes or text.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value') {
      element.value = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of element. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A table with a header row; rows are arrays of cells (nodes or text). */
export function table(id, headings, rows, empty = 'Nothing here yet.') {
  if (rows.length === 0) {
    return h('p', {id, class: 'empty'}, empty);
  }
  return h('table', {id},
    h('thead', {}, h('tr', {}, headings.map((heading) => h('th', {scope: 'col'}, heading)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))));
}

/** A definition list of label/value pairs, values missing from the resource shown as a dash. */
export function facts(id, pairs) {
  return h('dl', {id, class: 'facts'}, pairs.flatMap(([label, value]) => [
    h('dt', {}, label),
    h('dd', {}, value === null || value === undefined || value === '' ? '—' : value),
  ]));
}

/** A labelled form field. */
export function field(label, control) {
  return h('label', {class: 'field'}, h('span', {}, label), control);
}

/** Options for a select: [value, label] pairs or plain values. */
export function options(values, selected) {
  return values.map((entry) => {
    const [value, label] = Array.isArray(entry) ? entry : [entry, entry || 'any'];
    return h('option', {value, selected: value === selected}, label);
  });
}

/** Barbican timestamps, shown in the browser's locale; unparsable ones as sent. */
export function when(timestamp) {
  if (!timestamp) {
    return '';
  }
  const parsed = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(timestamp) ? timestamp : `${timestamp}Z`);
  return Number.isNaN(parsed.getTime()) ? timestamp : parsed.toLocaleString();
}
