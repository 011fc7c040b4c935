// User Comparison Report: generated asynchronously by zoom-sync; poll its status, then download the CSV.
import { download, json } from './api.js';
import { $, message, text, sleep } from './ui.js';

const REPORTS = '/api/v1/reports/user-comparison';
let current = null;

function show(r) {
  $('report-status').hidden = false;
  text('report-id', r.id);
  text('report-state', r.status + (r.error ? ': ' + r.error : ''));
  text('report-rows', r.rows);
  text('report-issues', r.rowsWithIssues);
  $('report-download').disabled = r.status !== 'ready';
}

async function generate() {
  const button = $('report-generate');
  button.disabled = true;
  $('report-download').disabled = true;
  message('report-message', 'Generating…');
  try {
    let r = await json('zoomSync', REPORTS, { method: 'POST' });
    current = r.id;
    show(r);
    while (r.status === 'pending' || r.status === 'running') {
      await sleep(700);
      r = await json('zoomSync', REPORTS + '/' + encodeURIComponent(current));
      show(r);
    }
    message('report-message', r.status === 'ready' ? 'The report is ready.' : 'The report failed.', r.status !== 'ready');
  } catch (e) {
    message('report-message', 'Cannot generate the report: ' + e.message, true);
  } finally {
    button.disabled = false;
  }
}

async function save() {
  try {
    const file = await download('zoomSync', REPORTS + '/' + encodeURIComponent(current) + '/download', 'text/csv',
      'user-comparison-' + current + '.csv');
    message('report-message', 'Downloaded ' + file.name + ' (' + file.size + ' bytes).');
  } catch (e) {
    message('report-message', 'Download failed: ' + e.message, true);
  }
}

export function setUp() {
  $('report-generate').addEventListener('click', generate);
  $('report-download').addEventListener('click', save);
  return () => {};
}
