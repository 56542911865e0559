'use strict';
// Text and number formatting, table rows and the confirmation dialog. Data reaches the page only as textContent or
// as an attribute value; a CSS class comes only from the page's own sets (styleOf, STATES, LEVELS).

const $ = (id) => document.getElementById(id);
const num = (s) => (s === null || s === undefined || s === '' ? NaN : Number(s));
const text = (v) => (v === null || v === undefined ? '' : String(v));
const micros = (v) => (!Number.isFinite(num(v)) ? '–' : v >= 10000 ? (v / 1000).toFixed(1) + ' ms' : v + ' µs');
const time = (us) => (Number.isFinite(num(us)) ? new Date(us / 1000).toISOString().substring(11, 23) : '');
const clock = (us) => time(us).substring(0, 8);

const DECIMAL = /^([-+]?)(\d*)(?:\.(\d*))?$/;

/** Decimal digits a decimal string carries ("1.50" → 2), so an unknown instrument's lots are never cut. */
const digitsOf = (s) => {
  const m = DECIMAL.exec(text(s).trim());
  return m && m[3] ? m[3].replace(/0+$/, '').length : 0;
};

/**
 * A decimal string (the runtime sends decimals as JSON strings) rounded half-up to {@code digits} places and grouped
 * by thousands, in exact integer arithmetic: a price is never shown through a binary float.
 */
function decimal(s, digits = 2) {
  if (typeof s === 'number') s = Number.isFinite(s) ? s.toFixed(Math.min(20, digits + 2)) : '';
  const m = DECIMAL.exec(text(s).trim());
  if (!m || (m[2] === '' && !m[3])) return '–';
  const frac = ((m[3] || '') + '0'.repeat(digits + 1)).slice(0, digits + 1);
  const units = ((BigInt((m[2] || '0') + frac) + 5n) / 10n).toString().padStart(digits + 1, '0');
  const whole = units.slice(0, units.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = m[1] === '-' && /[1-9]/.test(units);
  return (negative ? '-' : '') + whole + (digits > 0 ? '.' + units.slice(units.length - digits) : '');
}

/** What GET /api/instruments says of each symbol: how many decimals its prices and quantities have. */
const instruments = new Map();
const priceDigits = (symbol) => (instruments.has(symbol) ? instruments.get(symbol).priceDecimals : 2);
const price = (symbol, s) => decimal(s, priceDigits(symbol));
const quantity = (symbol, s) => decimal(s, instruments.has(symbol) ? instruments.get(symbol).quantityDecimals
  : digitsOf(s));
const money = (s) => decimal(s, 2);
const sign = (s) => (num(s) < 0 ? 'neg' : num(s) > 0 ? 'pos' : '');
const percent = (ratio) => (Number.isFinite(num(ratio)) ? (num(ratio) * 100).toFixed(1) + ' %' : '–');

// data becomes a CSS class only when it is one of ours, so a hostile status cannot pick the page's styles
const STYLED = new Set(['BUY', 'SELL', 'DENIED', 'REJECTED', 'FILLED', 'CANCELED', 'EXPIRED', 'ACCEPTED',
  'SUBMITTED', 'PARTIALLY_FILLED', 'PENDING_CANCEL']);
const styleOf = (value) => (STYLED.has(value) ? value : '');
const STATES = new Set(['ACTIVE', 'REDUCING', 'HALTED']);
const stateClass = (s) => 'pill' + (STATES.has(s) ? ' state-' + s : '');

const LONG_TEXT = 24;

/** A table cell from a value, or from {text, cls, title, node}; nothing here is parsed as HTML. */
function cell(spec) {
  const c = spec !== null && typeof spec === 'object' && !(spec instanceof Node) ? spec : {text: spec};
  const td = document.createElement('td');
  if (spec instanceof Node) td.appendChild(spec);
  else if (c.node) td.appendChild(c.node);
  else td.textContent = text(c.text);
  if (c.cls) td.className = c.cls;
  if (c.title) td.title = String(c.title);
  else if (td.textContent.length > LONG_TEXT) td.title = td.textContent; // the cell cuts it; the title keeps it whole
  return td;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const c of cells) tr.appendChild(cell(c));
  return tr;
}

const fillBody = (tableId, rows) => $(tableId).tBodies[0].replaceChildren(...rows);

const hasElement = (td) => !!(td.firstChild && td.firstChild.nodeType === 1);

/** Rewrites a row's cells in place, keeping a cell (and its button, and the focus on it) that did not change. */
function updateRow(tr, cells) {
  cells.forEach((spec, i) => {
    const fresh = cell(spec);
    const old = tr.cells[i];
    if (!old) tr.appendChild(fresh);
    else if (old.textContent !== fresh.textContent || old.className !== fresh.className || old.title !== fresh.title
      || hasElement(old) !== hasElement(fresh)) tr.replaceChild(fresh, old);
  });
}

function button(label, cls, onClick, title) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (cls) b.className = cls;
  if (title) b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

/** A real modal dialog: resolves true only when the person confirms; Escape and Cancel resolve false. */
function confirmAction(title, message, confirmLabel) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = message;
  $('confirm-ok').textContent = confirmLabel;
  return new Promise((resolve) => {
    dialog.returnValue = 'cancel';
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true});
    dialog.showModal();
    $('confirm-cancel').focus();
  });
}
