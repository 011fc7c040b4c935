// Small DOM helpers shared by the pages.

export const $ = id => document.getElementById(id);

export function text(id, value) {
  $(id).textContent = value === null || value === undefined || value === '' ? '—' : String(value);
}

export function message(id, value, isError = false) {
  const el = $(id);
  el.textContent = value || '';
  el.classList.toggle('status-bad', Boolean(isError));
}

export function when(instant) {
  if (!instant) {
    return '—';
  }
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? String(instant) : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A datetime-local value (browser's zone) as RFC 3339 in UTC; empty stays empty. */
export function rfc3339(localValue) {
  return localValue ? new Date(localValue).toISOString() : '';
}

export function cell(row, value) {
  const td = document.createElement('td');
  td.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
  row.appendChild(td);
  return td;
}

export function statusClass(value) {
  if (['Connected', 'Authorized', 'Successful', 'ready', 'completed', 'succeeded'].includes(value)) {
    return 'status-good';
  }
  if (['Error', 'Failed', 'failed'].includes(value)) {
    return 'status-bad';
  }
  return 'status-wait';
}

export function badge(id, value, detail) {
  const el = $(id);
  el.textContent = '';
  const strong = document.createElement('span');
  strong.className = statusClass(value);
  strong.textContent = value || '—';
  el.appendChild(strong);
  if (detail) {
    const small = document.createElement('div');
    small.className = 'muted';
    small.textContent = detail;
    el.appendChild(small);
  }
}

/** Makes a role=tablist switch its tabs with click and the arrow keys (WAI-ARIA tabs pattern). */
export function tabs(listId, onSelect) {
  const list = $(listId);
  const all = Array.from(list.querySelectorAll('[role=tab]'));
  const select = tab => {
    all.forEach(t => {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
    });
    onSelect(tab);
  };
  all.forEach(tab => tab.addEventListener('click', () => select(tab)));
  list.addEventListener('keydown', e => {
    const i = all.indexOf(document.activeElement);
    if (i < 0 || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) {
      return;
    }
    e.preventDefault();
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1
      : (i + (e.key === 'ArrowRight' ? 1 : all.length - 1)) % all.length;
    all[next].focus();
    select(all[next]);
  });
  return select;
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
