'use strict';
// What a trader does: the order ticket, cancel per working order, flatten per position, and the operator's
// halt/reduce/resume/kill; Kill, Halt and Flatten ask first. The blotter, fills and positions tables.

// the token lives in this variable only: a reload asks for it again, and no storage keeps it for later scripts
let token = '';

/** A state-changing request with the bearer token; resolves to {ok, status, body}, never throws. */
async function authorized(method, path, body) {
  const init = {method, headers: {'Authorization': 'Bearer ' + token}};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  try {
    const res = await fetch(path, init);
    const answer = await res.json().catch(() => ({}));
    return {ok: res.ok, status: res.status, body: answer || {}};
  } catch (e) {
    return {ok: false, status: 0, body: {error: {code: 'NETWORK', message: text(e && e.message)}}};
  }
}

const problem = (answer) => {
  const e = answer.body && answer.body.error ? answer.body.error : {};
  return `${text(e.code) || answer.status} – ${text(e.message)}`;
};

const CONFIRM = {
  halt: ['Halt trading?', 'Every new order will be denied until someone resumes. Working orders stay open.', 'Halt'],
  kill: ['Kill: halt and cancel everything?', 'Trading halts and every open order is cancelled.', 'Kill'],
};

async function control(command) {
  const ask = CONFIRM[command];
  if (ask && !(await confirmAction(...ask))) {
    $('control-result').textContent = `${command}: not sent`;
    return;
  }
  $('control-result').textContent = `${command}: sent…`;
  const answer = await authorized('POST', 'api/risk/' + command, {reason: 'dashboard'});
  if (answer.ok) {
    const b = answer.body;
    showState(b.to, b.cause + ': ' + b.message, b.tsMicros);
    $('control-result').textContent = `${command}: ${b.from} → ${b.to}`;
  } else {
    $('control-result').textContent = `${command}: ${problem(answer)}`;
  }
}

/** The ticket's symbol list and the increments of the chosen instrument. */
function fillTicketSymbols(symbols) {
  const select = $('t-symbol');
  const chosen = select.value;
  select.replaceChildren(...symbols.map((s) => {
    const o = document.createElement('option');
    o.value = s;
    o.textContent = s;
    return o;
  }));
  if (symbols.includes(chosen)) select.value = chosen;
  else if (state.symbol && symbols.includes(state.symbol)) select.value = state.symbol;
  showIncrements();
}

function showIncrements() {
  const i = instruments.get($('t-symbol').value);
  $('t-increments').textContent = i ? `tick ${text(i.tickSize)} · lot ${text(i.lotSize)}` : '–';
  $('t-quantity').placeholder = i ? 'lot ' + text(i.lotSize) : '';
  $('t-price').placeholder = $('t-type').value === 'LIMIT' ? (i ? 'tick ' + text(i.tickSize) : '') : 'market';
}

function ticketSide() {
  return document.querySelector('#ticket input[name=side]:checked').value === 'SELL' ? 'SELL' : 'BUY';
}

function onTicketChange() {
  const limit = $('t-type').value === 'LIMIT';
  $('t-price').disabled = !limit;
  if (!limit) $('t-price').value = '';
  const side = ticketSide();
  $('t-submit').textContent = side === 'SELL' ? 'Sell' : 'Buy';
  $('t-submit').className = 'submit ' + side;
  showIncrements();
}

function ticketResult(message, cls) {
  const el = $('ticket-result');
  el.textContent = message;
  el.className = 'result' + (cls ? ' ' + cls : '');
}

/** POST /api/orders from the ticket; risk's refusal (422 with its reason code) is shown under the ticket. */
async function submitTicket(event) {
  event.preventDefault();
  const order = {symbol: $('t-symbol').value, side: ticketSide(), type: $('t-type').value,
    quantity: $('t-quantity').value.trim(), timeInForce: $('t-tif').value};
  if (order.type === 'LIMIT') order.limitPrice = $('t-price').value.trim();
  if (!order.quantity || (order.type === 'LIMIT' && !order.limitPrice)) {
    ticketResult(order.quantity ? 'a limit order needs a limit price' : 'enter a quantity', 'denial');
    (order.quantity ? $('t-price') : $('t-quantity')).focus();
    return;
  }
  $('t-submit').disabled = true;
  const answer = await authorized('POST', 'api/orders', order);
  $('t-submit').disabled = false;
  const decision = answer.body.decision || {};
  state.lastTicketOrder = text(decision.clientOrderId);
  if (answer.ok) {
    ticketResult(`${order.side} ${order.quantity} ${order.symbol} accepted by risk: ${text(decision.clientOrderId)}`,
      'accepted');
  } else {
    ticketResult((answer.status === 422 ? 'denied by risk: ' : 'refused: ') + problem(answer), 'denial');
  }
}

async function cancelOrder(id) {
  const answer = await authorized('DELETE', 'api/orders/' + encodeURIComponent(id));
  $('control-result').textContent = answer.ok ? `cancel ${id}: sent` : `cancel ${id}: ${problem(answer)}`;
}

async function flatten(symbol, qty) {
  if (!(await confirmAction(`Flatten ${symbol}?`, `A market order closes the position of ${qty} ${symbol}.`,
    'Flatten'))) {
    $('control-result').textContent = `flatten ${symbol}: not sent`;
    return;
  }
  const answer = await authorized('POST', 'api/positions/' + encodeURIComponent(symbol) + '/flatten');
  $('control-result').textContent = answer.ok ? `flatten ${symbol}: order ${text(answer.body.orderId)}`
    : `flatten ${symbol}: ${problem(answer)}`;
}

const WORKING = new Set(['SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED']);
const MAX_ORDERS = 200;
const orderRows = new Map(); // clientOrderId → tr: an update rewrites its row in place, so its button stays put

function orderCells(e) {
  return [time(e.tsMicros), {text: e.clientOrderId, title: e.clientOrderId}, e.strategy, e.symbol,
    {text: e.side, cls: styleOf(e.side)}, e.type,
    quantity(e.symbol, e.quantity), e.limitPrice === null || e.limitPrice === undefined ? '' : price(e.symbol,
      e.limitPrice), {text: e.status, cls: styleOf(e.status)}, quantity(e.symbol, e.filledQuantity),
    num(e.filledQuantity) > 0 ? price(e.symbol, e.avgFillPrice) : '', {text: e.reasonCode, title: e.message},
    WORKING.has(e.status) ? button('Cancel', 'row-action', () => cancelOrder(e.clientOrderId),
      'cancel order ' + text(e.clientOrderId)) : ''];
}

const shownAt = new WeakMap(); // row → tsMicros of the event it shows
// while the pointer or the focus is in the blotter, new orders wait, so the rows (and their Cancel buttons) stay put
const heldOrders = new Map();
const blotterHeld = () => {
  const body = $('orders').tBodies[0];
  return body.matches(':hover') || body.contains(document.activeElement);
};

/** Called every frame: the orders that waited appear once the pointer and the focus have left the blotter. */
function releaseHeldOrders() {
  if (!heldOrders.size) return;
  const note = `${heldOrders.size} new order${heldOrders.size === 1 ? '' : 's'} shown when the pointer leaves the list`;
  if ($('orders-held').textContent !== note) $('orders-held').textContent = note;
  if (blotterHeld()) return;
  $('orders-held').textContent = '';
  const waiting = [...heldOrders.values()];
  heldOrders.clear();
  waiting.forEach(renderOrder);
}

function renderOrder(e) {
  const tbody = $('orders').tBodies[0];
  let tr = orderRows.get(e.clientOrderId);
  if (!tr && blotterHeld()) {
    heldOrders.set(e.clientOrderId, e);
    return;
  }
  if (tr) {
    // a REST answer older than what the bus already brought must not turn FILLED back into ACCEPTED
    if (num(e.tsMicros) < shownAt.get(tr)) return;
    shownAt.set(tr, num(e.tsMicros));
    updateRow(tr, orderCells(e));
    return;
  }
  tr = row(orderCells(e));
  tr.dataset.orderId = text(e.clientOrderId);
  shownAt.set(tr, num(e.tsMicros));
  orderRows.set(e.clientOrderId, tr);
  // newest first: above the first row that shows an older event
  const below = [...tbody.rows].find((r) => shownAt.get(r) < num(e.tsMicros));
  tbody.insertBefore(tr, below || null);
  while (orderRows.size > MAX_ORDERS) {
    const oldest = orderRows.keys().next().value;
    orderRows.get(oldest).remove();
    orderRows.delete(oldest);
  }
}

const MAX_FILLS = 200;

/** The newest fills first; rows are text only, so the table is simply rebuilt. */
function renderFills(fills) {
  fillBody('fills', [...fills.values()].sort((a, b) => num(b.tsMicros) - num(a.tsMicros)).slice(0, MAX_FILLS)
    .map((f) => row([{text: clock(f.tsMicros), title: time(f.tsMicros)}, {text: f.clientOrderId,
      title: f.clientOrderId}, f.symbol, {text: f.side, cls: styleOf(f.side)}, quantity(f.symbol, f.quantity),
    price(f.symbol, f.price), money(f.fee)])));
}

const positionRows = new Map();

function renderPositions(positions) {
  const tbody = $('positions').tBodies[0];
  const seen = new Set();
  positions.slice().sort((a, b) => text(a.symbol).localeCompare(text(b.symbol))).forEach((p, i) => {
    seen.add(p.symbol);
    const open = num(p.quantity) !== 0;
    const qty = quantity(p.symbol, p.quantity);
    let tr = positionRows.get(p.symbol);
    if (!tr) {
      tr = row([]);
      tr.dataset.symbol = text(p.symbol);
      positionRows.set(p.symbol, tr);
    }
    // the button reads the quantity when clicked: an unchanged cell keeps the first button made for this row
    const action = open ? button('Flatten', 'row-action danger', () => flatten(p.symbol, quantity(p.symbol,
      state.positionQty.get(p.symbol))), 'close the position in ' + text(p.symbol)) : '';
    state.positionQty.set(p.symbol, p.quantity);
    updateRow(tr, [p.symbol, {text: qty, cls: sign(p.quantity)}, open ? price(p.symbol, p.avgPrice) : '',
      price(p.symbol, p.lastPrice), {text: money(p.unrealizedPnl), cls: sign(p.unrealizedPnl)},
      {text: money(p.realizedPnl), cls: sign(p.realizedPnl)}, action]);
    if (tbody.rows[i] !== tr) tbody.insertBefore(tr, tbody.rows[i] || null);
  });
  positionRows.forEach((tr, symbol) => {
    if (!seen.has(symbol)) {
      tr.remove();
      positionRows.delete(symbol);
    }
  });
}

function renderQuotes(quotes) {
  fillBody('quotes', [...quotes.values()].sort((a, b) => text(a.symbol).localeCompare(text(b.symbol)))
    .map((q) => row([q.symbol, price(q.symbol, q.bid), price(q.symbol, q.ask), price(q.symbol, q.last),
      decimal(num(q.ask) - num(q.bid), priceDigits(q.symbol))])));
}
