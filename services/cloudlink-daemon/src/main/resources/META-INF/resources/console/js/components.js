// Linked on-premise components (CMP, OSV nodes, SBC, Xpressions) with their connector status.
import { json } from './api.js';
import { user } from './auth.js';
import { $, cell, message, statusClass, when } from './ui.js';

function row(c) {
  const tr = document.createElement('tr');
  cell(tr, c.name);
  cell(tr, c.type);
  cell(tr, c.host);
  const status = cell(tr, '');
  const label = document.createElement('span');
  // the API's values: disconnected | connectedDeactivated | connectedActivated (degraded is a flag)
  label.className = c.degraded ? 'status-wait' : statusClass(c.status === 'disconnected' ? 'Error' : 'Connected');
  label.textContent = c.status + (c.degraded ? ' (degraded)' : '');
  status.replaceChildren(label);
  if (c.statusDetail) {
    const detail = document.createElement('div');
    detail.className = 'muted';
    detail.textContent = c.statusDetail;
    status.append(detail);
  }
  cell(tr, when(c.lastHeartbeatAt));
  cell(tr, when(c.lastInventoryAt) + (c.inventoryOverdue ? ' (overdue)' : ''));
  cell(tr, (c.nodes || []).map(n => n.name + (n.connected ? ' connected' : ' not connected')).join(', '));
  return tr;
}

async function load() {
  message('components-message', 'Loading…');
  const body = $('components-rows');
  body.replaceChildren();
  try {
    const account = encodeURIComponent(user().account);
    let cursor = null;
    do {
      const page = await json('cloudlinkDaemon', '/api/v1/accounts/' + account + '/components'
        + (cursor ? '?cursor=' + encodeURIComponent(cursor) : ''));
      page.items.forEach(c => body.append(row(c)));
      cursor = page.nextCursor;
    } while (cursor);
    $('components-table').hidden = body.children.length === 0;
    message('components-message', body.children.length === 0 ? 'No component is linked to this account.' : '');
  } catch (e) {
    $('components-table').hidden = true;
    message('components-message', e.notFound
      ? 'Component status is not available on this deployment (cloudlink-daemon answered 404).'
      : 'Cannot read the components: ' + e.message, !e.notFound);
  }
}

export function setUp() {
  $('components-reload').addEventListener('click', load);
  return load;
}
