// Event history: the cloudlink-daemon journal with filters, keyset "load more", a detail panel with
// the four tabs of the admin portal, copy to the clipboard and a CSV export of the current filter.
import { download, json } from './api.js';
import { $, cell, message, rfc3339, tabs, when } from './ui.js';

const JOURNAL = '/api/v1/journal';
const STREAMS = ['provisioning', 'mwi', 'call-log', 'telephony', 'voicemail', 'registration', 'push', 'emergency', 'platform'];
let query = '';
let next = null;
let detail = null;
let detailTab = 'core';

function filterQuery() {
  const params = new URLSearchParams();
  const put = (name, value) => { if (value) { params.set(name, value.trim()); } };
  put('subject', $('f-subject').value);
  put('type', $('f-type').value);
  put('topic', $('f-topic').value);
  put('service', $('f-service').value);
  put('from', rfc3339($('f-from').value));
  put('to', rfc3339($('f-to').value));
  if ($('f-dlq').checked) {
    params.set('dlq', 'true');
  }
  return params.toString();
}

function addRows(items) {
  const body = $('events-rows');
  for (const e of items) {
    const tr = document.createElement('tr');
    tr.dataset.id = e.id;
    cell(tr, when(e.receivedAt));
    cell(tr, e.event || e.type || (e.envelopeError ? 'unreadable envelope' : ''));
    cell(tr, e.subject);
    cell(tr, e.account);
    cell(tr, e.topic + ' [' + e.partition + ':' + e.offset + ']');
    cell(tr, e.service);
    cell(tr, e.dlq ? 'yes' + (e.dlqReason ? ' (' + e.dlqReason + ')' : '') : 'no');
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Details';
    open.setAttribute('aria-label', 'Details of ' + (e.event || 'event') + ' ' + e.id);
    open.addEventListener('click', () => openDetail(e.id, tr));
    cell(tr, '').replaceChildren(open);
    body.appendChild(tr);
  }
}

async function search(more) {
  if (!more) {
    query = filterQuery();
    next = null;
    $('events-rows').replaceChildren();
    $('event-detail').hidden = true;
  }
  message('events-message', 'Loading…');
  try {
    const params = new URLSearchParams(query);
    params.set('limit', '50');
    if (more && next) {
      params.set('cursor', next);
    }
    const page = await json('cloudlinkDaemon', JOURNAL + '?' + params);
    addRows(page.items);
    next = page.next;
    $('events-more').hidden = !next;
    const shown = $('events-rows').children.length;
    message('events-message', shown === 0 ? 'No events match these filters.' : shown + (shown === 1 ? ' event shown' : ' events shown') + (next ? '; more are available.' : '.'));
  } catch (e) {
    message('events-message', 'Cannot read the event history: ' + e.message, true);
  }
}

function facts(pairs) {
  const dl = document.createElement('dl');
  dl.className = 'facts';
  for (const [name, value] of pairs) {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
    dl.append(dt, dd);
  }
  return dl;
}

function pre(value) {
  const p = document.createElement('pre');
  p.textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return p;
}

function heading(textValue) {
  const h = document.createElement('h4');
  h.textContent = textValue;
  return h;
}

function renderTab() {
  const panel = $('dpanel');
  panel.setAttribute('aria-labelledby', 'dtab-' + detailTab);
  panel.replaceChildren();
  if (!detail) {
    return;
  }
  if (detailTab === 'core') {
    const c = detail.coreDetails;
    panel.append(facts([['Journal id', c.id], ['Event id', c.eventId], ['Type', c.type], ['Event', c.event],
      ['Time', when(c.time)], ['Received', when(c.receivedAt)], ['Source', c.source], ['Service', c.service],
      ['Subject', c.subject], ['Account', c.account], ['Topic', c.topic], ['Partition', c.partition],
      ['Offset', c.offset], ['Key', c.key]]));
    panel.append(heading('Payload'), pre(detail.payload !== null && detail.payload !== undefined ? detail.payload : (detail.payloadText || '')));
  } else if (detailTab === 'changes') {
    const changes = detail.propertiesChanged || [];
    if (changes.length === 0) {
      const p = document.createElement('p');
      p.textContent = 'No property changed against the previous event of this subject (or there is none).';
      panel.append(p);
    } else {
      const table = document.createElement('table');
      table.className = 'grid';
      table.innerHTML = '<thead><tr><th scope="col">Property</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>';
      const body = document.createElement('tbody');
      for (const ch of changes) {
        const tr = document.createElement('tr');
        cell(tr, ch.property);
        cell(tr, ch.before === null || ch.before === undefined ? '' : JSON.stringify(ch.before));
        cell(tr, ch.after === null || ch.after === undefined ? '' : JSON.stringify(ch.after));
        body.append(tr);
      }
      table.append(body);
      panel.append(table);
    }
  } else if (detailTab === 'extra') {
    const x = detail.extraDetails || {};
    const dlq = x.dlq || {};
    const replay = x.replay || {};
    panel.append(facts([['Dead-letter reason', dlq.reason], ['Dead-letter detail', dlq.detail],
      ['Original topic', dlq.originalTopic], ['Original partition / offset',
        dlq.originalTopic ? dlq.originalPartition + ' / ' + dlq.originalOffset : ''], ['Failed consumer', dlq.consumer],
      ['Replay id', replay.replayId], ['Replay of', replay.replayOf], ['Compared with journal id', x.previousId],
      ['Envelope error', x.envelopeError]]));
    panel.append(heading('Headers'), pre(x.headers || {}));
  } else {
    const t = detail.logTags || {};
    panel.append(facts([['trace id', t.traceId], ['span id', t.spanId], ['service', t.service],
      ['account', t.account], ['event type', t.eventType]]));
  }
}

async function openDetail(id, row) {
  document.querySelectorAll('#events-rows tr.selected').forEach(r => r.classList.remove('selected'));
  row.classList.add('selected');
  message('detail-message', '');
  try {
    detail = await json('cloudlinkDaemon', JOURNAL + '/' + encodeURIComponent(id));
    $('event-detail-title').textContent = (detail.coreDetails.event || 'Event') + ' #' + detail.id;
    $('event-detail').hidden = false;
    renderTab();
    $('event-detail').scrollIntoView({ block: 'nearest' });
  } catch (e) {
    message('events-message', 'Cannot open the event: ' + e.message, true);
  }
}

async function copyDetail() {
  const textValue = JSON.stringify(detail, null, 2);
  let copied = false;
  try {
    await navigator.clipboard.writeText(textValue);
    copied = true;
  } catch (e) {
    // the Clipboard API needs focus/permission; fall back to a selected text area
    const area = document.createElement('textarea');
    area.value = textValue;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    copied = document.execCommand('copy');
    area.remove();
  }
  message('detail-message', copied ? 'Copied the event to the clipboard.' : 'Copying is not allowed in this browser.', !copied);
}

async function exportCsv() {
  try {
    const current = filterQuery();
    const file = await download('cloudlinkDaemon', JOURNAL + (current ? '?' + current : ''), 'text/csv', 'journal.csv');
    message('events-message', 'Exported ' + file.name + ' (' + file.size + ' bytes).');
  } catch (e) {
    message('events-message', 'Export failed: ' + e.message, true);
  }
}

export function setUp() {
  const list = $('topics');
  for (const s of STREAMS) {
    for (const name of ['openpsi.' + s + '.v1', 'openpsi.' + s + '.v1.dlq']) {
      const option = document.createElement('option');
      option.value = name;
      list.append(option);
    }
  }
  $('events-filter').addEventListener('submit', e => { e.preventDefault(); search(false); });
  $('events-more').addEventListener('click', () => search(true));
  $('events-export').addEventListener('click', exportCsv);
  $('detail-copy').addEventListener('click', copyDetail);
  $('detail-close').addEventListener('click', () => { $('event-detail').hidden = true; });
  tabs('detail-tabs', tab => { detailTab = tab.dataset.tab; renderTab(); });
  return () => search(false);
}
