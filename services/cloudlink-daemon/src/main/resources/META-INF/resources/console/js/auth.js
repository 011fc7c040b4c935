// Login through Keycloak: OAuth 2.0 authorization code flow with PKCE (RFC 7636, S256), as a
// public client. Tokens live in memory only (never in storage); only the PKCE verifier and state
// survive the redirect, in sessionStorage, and are removed as soon as the code is exchanged.

const PENDING = 'openpsi.console.pkce';
let settings;
let endpoints;
let tokens = null;
let refreshTimer = null;

function base64url(bytes) {
  let s = '';
  bytes.forEach(b => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(size) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function redirectUri() {
  return window.location.origin + window.location.pathname;
}

/** Reads the realm's OpenID configuration (authorization, token and logout endpoints). */
export async function init(consoleSettings) {
  settings = consoleSettings;
  const response = await fetch(settings.oidcUrl + '/.well-known/openid-configuration');
  if (!response.ok) {
    throw new Error('The identity provider is not reachable (' + response.status + ')');
  }
  endpoints = await response.json();
}

/** Sends the browser to the Keycloak login page. */
export async function login() {
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** Completes a login redirect when the URL carries a code; true when the user is logged in. */
export async function completeLogin() {
  const params = new URLSearchParams(window.location.search);
  if (params.has('error')) {
    throw new Error('Login failed: ' + (params.get('error_description') || params.get('error')));
  }
  if (!params.has('code')) {
    return false;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', redirectUri());
  if (!pending || pending.state !== params.get('state')) {
    // a stale or forged redirect: start over rather than exchange a code we did not ask for
    return false;
  }
  await requestTokens({
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
  return true;
}

async function requestTokens(form) {
  let response;
  try {
    response = await fetch(endpoints.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: settings.clientId, ...form }),
    });
  } catch (e) {
    throw new Error('The identity provider did not answer this page: is ' + window.location.origin
      + ' a web origin of client ' + settings.clientId + '?');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error('Token request refused: ' + (body.error_description || body.error || response.status));
  }
  const issued = await response.json();
  tokens = { ...issued, claims: decode(issued.access_token), obtainedAt: Date.now() };
  scheduleRefresh(issued.expires_in);
}

function scheduleRefresh(expiresIn) {
  clearTimeout(refreshTimer);
  // renew 30 s before expiry; when the refresh token is gone or refused, log in again
  const delay = Math.max(5, (expiresIn || 60) - 30) * 1000;
  refreshTimer = setTimeout(() => refresh().catch(() => login()), delay);
}

/** Renews the access token with the refresh token (the SSO session must still be alive). */
export async function refresh() {
  if (!tokens || !tokens.refresh_token) {
    throw new Error('no refresh token');
  }
  await requestTokens({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
}

function decode(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}

export function accessToken() {
  return tokens ? tokens.access_token : null;
}

/** Who is logged in: name, email, account (the token's account claim) and realm roles. */
export function user() {
  const c = tokens ? tokens.claims : {};
  return {
    name: c.name || c.preferred_username || c.email || '',
    email: c.email || '',
    account: c.account || '',
    roles: (c.realm_access && c.realm_access.roles) || [],
  };
}

/** Ends the Keycloak session and comes back to the console. */
export function logout() {
  clearTimeout(refreshTimer);
  const idToken = tokens && tokens.id_token;
  tokens = null;
  const url = new URL(endpoints.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    post_logout_redirect_uri: redirectUri(),
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  window.location.assign(url.toString());
}
