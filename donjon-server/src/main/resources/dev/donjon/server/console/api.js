// The console's only way to the server: the public Barbican v1 API, with the token in the X-Auth-Token header.
// The token lives in sessionStorage (gone with the tab), never in a URL, a cookie or a log line.

const TOKEN_KEY = 'donjon.console.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A refusal or failure from the API, with Barbican's error document when there is one. */
export class ApiError extends Error {
  constructor(status, title, description) {
    super(description ? `${title} (${status}): ${description}` : `${title} (${status})`);
    this.status = status;
  }
}

/** Fired on window when the server refuses the token, for the console to ask for another. */
export const UNAUTHORIZED = 'donjon:unauthorized';

/**
 * Calls the API. path is a /v1 path; query an object whose empty values are left out; body is sent as JSON;
 * accept other than JSON returns {contentType, bytes}. Resolves to the parsed JSON, or null for an empty answer.
 */
export async function call(method, path, {query, body, accept = 'application/json'} = {}) {
  const token = session.token();
  const headers = {'Accept': accept};
  if (token) {
    headers['X-Auth-Token'] = token;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path + queryString(query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'error',
    referrerPolicy: 'no-referrer',
  });
  if (!response.ok) {
    throw await failure(response);
  }
  if (accept !== 'application/json') {
    return {contentType: response.headers.get('Content-Type') ?? '', bytes: new Uint8Array(await response.arrayBuffer())};
  }
  const text = await response.text();
  return text === '' ? null : JSON.parse(text);
}

function queryString(query) {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

async function failure(response) {
  let title = response.statusText || 'Error';
  let description = '';
  try {
    const document = await response.json();
    title = document.title ?? title;
    description = document.description ?? document.message ?? '';
  } catch {
    // Not Barbican's JSON error document: the status says enough.
  }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent(UNAUTHORIZED));
  }
  return new ApiError(response.status, title, description);
}

/** The last path segment of a Barbican reference (secret_ref, container_ref, order_ref): the object's id. */
export function idOf(ref) {
  return ref ? ref.substring(ref.lastIndexOf('/') + 1) : '';
}
