// The console's entry point: settings, login, then the tabs (each page loads when first shown).
import * as auth from './auth.js';
import { configure } from './api.js';
import { $, tabs } from './ui.js';
import * as zoom from './zoom.js';
import * as report from './report.js';
import * as events from './events.js';
import * as replay from './replay.js';
import * as components from './components.js';

const PAGES = { zoom, report, events, replay, components };

async function start() {
  const response = await fetch('config.json');
  if (!response.ok) {
    throw new Error('Console settings unavailable (' + response.status + ')');
  }
  const settings = await response.json();
  configure(settings.services);
  await auth.init(settings);
  if (!(await auth.completeLogin())) {
    await auth.login();
    return;
  }
  const me = auth.user();
  $('user-name').textContent = me.name;
  $('user-account').textContent = me.account || '(none)';
  $('who').hidden = false;
  $('logout').addEventListener('click', () => auth.logout());

  const openers = {};
  const opened = new Set();
  for (const [name, page] of Object.entries(PAGES)) {
    openers[name] = page.setUp();
  }
  const show = tab => {
    const name = tab.id.replace('tab-', '');
    for (const other of Object.keys(PAGES)) {
      $('panel-' + other).hidden = other !== name;
    }
    if (!opened.has(name)) {
      opened.add(name);
      openers[name]();
    }
  };
  const select = tabs('tabs', show);
  $('boot').hidden = true;
  $('app').hidden = false;
  select($('tab-zoom'));
}

start().catch(e => {
  $('boot').hidden = true;
  $('global-error').textContent = e.message;
  $('global-error').hidden = false;
});
