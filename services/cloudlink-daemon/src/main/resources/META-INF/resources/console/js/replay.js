// Replay wizard: selection -> dry run (count and a sample) -> execute -> progress, against
// cloudlink-daemon's replay API. A deployment without that API (404) shows it as not available.
import { json } from './api.js';
import { user } from './auth.js';
import { $, cell, message, rfc3339, sleep, when } from './ui.js';

const REPLAYS = '/api/v1/replays';
let selection = null;

function step(n) {
  [1, 2, 3].forEach(i => {
    if (i === n) {
      $('step-' + i).setAttribute('aria-current', 'step');
    } else {
      $('step-' + i).removeAttribute('aria-current');
    }
  });
}

function unavailable() {
  const notice = $('replay-unavailable');
  notice.textContent = 'Replay is not available on this deployment: cloudlink-daemon has no replay API (it answered 404).';
  notice.hidden = false;
  $('replay-preview').hidden = true;
}

function request(dryRun) {
  return {
    selection,
    target: $('r-target').value,
    dryRun,
    sample: Number($('r-sample').value) || 10,
    ratePerSecond: Number($('r-rate').value) || 50,
  };
}

async function dryRun(event) {
  event.preventDefault();
  const value = id => $(id).value.trim() || null;
  // the API wants a time range and names the dead-letter topic itself: default to the last
  // 24 hours, and read the stream's DLQ (<topic>.dlq) when the box is ticked
  const topic = value('r-topic');
  const now = Date.now();
  selection = {
    topic,
    from: rfc3339($('r-from').value) || new Date(now - 24 * 3600 * 1000).toISOString(),
    to: rfc3339($('r-to').value) || new Date(now + 1000).toISOString(),
    key: value('r-key'),
    eventType: value('r-type'),
    account: value('r-account'),
    dlq: $('r-dlq').checked && topic ? `${topic}.dlq` : null,
  };
  $('replay-progress').hidden = true;
  message('replay-message', 'Selecting events…');
  try {
    const preview = await json('cloudlinkDaemon', REPLAYS, { method: 'POST', body: request(true) });
    $('replay-count').textContent = String(preview.count);
    const body = $('replay-sample');
    body.replaceChildren();
    for (const s of preview.sample || []) {
      const tr = document.createElement('tr');
      cell(tr, when(s.timestamp));
      cell(tr, s.type);
      cell(tr, s.key);
      cell(tr, s.account);
      cell(tr, s.topic + ' / ' + s.partition + ' / ' + s.offset);
      body.append(tr);
    }
    $('replay-preview').hidden = false;
    $('replay-execute').disabled = preview.count === 0;
    step(2);
    message('replay-message', preview.count === 0 ? 'No event matches this selection.' : 'Check the sample, then execute.');
  } catch (e) {
    if (e.notFound) {
      unavailable();
      message('replay-message', '');
    } else {
      message('replay-message', 'Dry run refused: ' + e.message, true);
    }
  }
}

async function execute() {
  $('replay-execute').disabled = true;
  step(3);
  try {
    let replay = await json('cloudlinkDaemon', REPLAYS, { method: 'POST', body: request(false) });
    $('replay-progress').hidden = false;
    $('replay-id').textContent = replay.id;
    while (replay.status !== 'completed' && replay.status !== 'failed') {
      showProgress(replay);
      await sleep(1000);
      replay = await json('cloudlinkDaemon', REPLAYS + '/' + encodeURIComponent(replay.id));
    }
    showProgress(replay);
    message('replay-message', replay.status === 'completed' ? 'Replay completed.' : 'Replay failed.', replay.status !== 'completed');
  } catch (e) {
    if (e.notFound) {
      unavailable();
    } else {
      message('replay-message', 'Replay not started: ' + e.message, true);
    }
  } finally {
    $('replay-execute').disabled = false;
  }
}

function showProgress(r) {
  const sent = r.sent || 0;
  if (r.selected === null || r.selected === undefined) {
    // the runner counts the selection before it sends
    $('replay-bar').removeAttribute('value');
    $('replay-state').textContent = r.status + ': counting the selection…';
    return;
  }
  $('replay-bar').max = Math.max(r.selected, 1);
  $('replay-bar').value = sent;
  $('replay-state').textContent = r.status + ': ' + sent + ' of ' + r.selected + ' sent'
    + (r.error ? ' (' + r.error + ')' : '');
}

export function setUp() {
  $('replay-form').addEventListener('submit', dryRun);
  $('replay-execute').addEventListener('click', execute);
  return () => {
    if (!$('r-account').value) {
      $('r-account').value = user().account;
    }
  };
}
