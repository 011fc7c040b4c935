// Zoom integration status (DOMAIN.md "Integration status and troubleshooting"): integration,
// OAuth (with the failure details), sync, last successful sync; Refresh re-evaluates.
import { json } from './api.js';
import { $, badge, message, text, when, sleep } from './ui.js';

const CONNECTION = '/api/v1/zoom/connection';

function show(c) {
  $('zoom-status').hidden = false;
  badge('zoom-integration', c.integrationStatus);
  badge('zoom-oauth', c.oauthStatus, c.oauthError);
  badge('zoom-sync-status', c.syncStatus, c.syncError);
  text('zoom-last-sync', when(c.lastSuccessfulSync));
  text('zoom-account', c.zoomAccountId);
  text('zoom-client', c.clientId);
  text('zoom-token-expiry', when(c.accessTokenExpiresAt));
}

async function load(request) {
  message('zoom-message', request === 'refresh' ? 'Re-evaluating the connection…' : 'Loading…');
  try {
    const c = await json('zoomSync', request === 'refresh' ? CONNECTION + '/refresh' : CONNECTION,
      request === 'refresh' ? { method: 'POST' } : {});
    show(c);
    message('zoom-message', request === 'refresh' ? 'Refreshed at ' + when(new Date()) : '');
  } catch (e) {
    if (e.notFound) {
      $('zoom-status').hidden = true;
      message('zoom-message', 'This account has no Zoom connection yet.');
    } else {
      message('zoom-message', 'Cannot read the Zoom connection: ' + e.message, true);
    }
  }
}

async function syncNow() {
  const button = $('zoom-sync');
  button.disabled = true;
  try {
    let run = await json('zoomSync', '/api/v1/zoom/sync-runs', { method: 'POST', body: { mode: 'full' } });
    while (run.status === 'queued' || run.status === 'running') {
      message('zoom-message', 'Sync ' + run.status + (run.phase ? ' (' + run.phase + ')' : '') + ': '
        + run.usersSynced + ' users, ' + run.phonesSynced + ' SIP phones');
      await sleep(1000);
      run = await json('zoomSync', '/api/v1/zoom/sync-runs/' + encodeURIComponent(run.id));
    }
    await load('get');
    message('zoom-message', run.status === 'succeeded'
      ? 'Sync succeeded: ' + run.usersSynced + ' users, ' + run.phonesSynced + ' SIP phones'
      : 'Sync failed: ' + (run.error || 'no details'), run.status !== 'succeeded');
  } catch (e) {
    message('zoom-message', e.notFound ? 'Connect the Zoom tenant first.' : 'Sync not started: ' + e.message, true);
  } finally {
    button.disabled = false;
  }
}

export function setUp() {
  $('zoom-refresh').addEventListener('click', () => load('refresh'));
  $('zoom-sync').addEventListener('click', syncNow);
  return () => load('get');
}
