// Calls to the services' REST APIs with the user's bearer token. Errors become ApiError with the
// RFC 9457 problem's detail (and the field it names) so pages can show what went wrong.
import { accessToken, refresh } from './auth.js';

let bases = {};

export function configure(services) {
  bases = services;
}

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem || null;
  }

  get notFound() {
    return this.status === 404;
  }
}

async function send(service, path, options) {
  const headers = { Accept: options.accept || 'application/json', Authorization: 'Bearer ' + accessToken() };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  return fetch((bases[service] || '') + path, {
    method: options.method || 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** The response of a call; a 401 is retried once after renewing the token. */
async function respond(service, path, options) {
  let response;
  try {
    response = await send(service, path, options);
    if (response.status === 401) {
      await refresh();
      response = await send(service, path, options);
    }
  } catch (e) {
    if (e instanceof TypeError) {
      throw new ApiError(0, service + ' is not reachable');
    }
    throw e;
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (ignored) {
      // not a problem document
    }
    const field = problem && problem.errors && problem.errors.length
      ? ' (' + problem.errors.map(e => [e.field, e.reason].filter(Boolean).join(': ')).join('; ') + ')'
      : '';
    const text = problem && (problem.detail || problem.title) ? (problem.detail || problem.title) + field : 'HTTP ' + response.status;
    throw new ApiError(response.status, text, problem);
  }
  return response;
}

export async function json(service, path, options = {}) {
  const response = await respond(service, path, options);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Downloads a file the API produces (it needs the bearer header, so a plain link cannot do it). */
export async function download(service, path, accept, fallbackName) {
  const response = await respond(service, path, { accept });
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = match ? match[1] : fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return { name: link.download, size: blob.size };
}
