'use strict';
// tradingrt dashboard: REST fills every view at load (and after a reconnect), then the SockJS event bus keeps it live
// through the official @vertx/eventbus-bridge-client.js, which reconnects with exponential backoff.

const WINDOW_MICROS = 5 * 60e6; // the line charts show the last five minutes, from history then live
const state = {
  symbol: null, timeframe: '1s', timeframes: ['1s'], bars: new Map(), quotes: new Map(), fills: new Map(),
  positionQty: new Map(), equity: [], latency: [], system: [], liveCount: 0, historyPoints: 0, dirty: new Set(),
};
window.__trt = state; // the browser tests read liveCount, the risk state and the last ticket order from here

function pushPoint(series, point) {
  series.push(point);
  const oldest = point[0] - WINDOW_MICROS / 1000;
  while (series.length && series[0][0] < oldest) series.shift();
}

function addSnapshot(m) {
  const t = m.tsMicros / 1000;
  // before the portfolio's first snapshot the metrics carry equity 0: a gap, not a fall to zero
  const booked = num(m.equity) !== 0 || num(m.realizedPnl) !== 0 || num(m.unrealizedPnl) !== 0;
  pushPoint(state.equity, booked ? [t, num(m.equity), num(m.realizedPnl), num(m.unrealizedPnl)]
    : [t, null, null, null]);
  pushPoint(state.latency, [t, m.inRuntimeP50Micros, m.inRuntimeP99Micros, m.tickToTradeP50Micros,
    m.tickToTradeP99Micros]);
  pushPoint(state.system, [t, m.ticksPerSecond, m.heapUsedBytes / 1048576]);
  state.dirty.add('lines');
}

function onMetrics(m) {
  state.liveCount++;
  $('k-equity').textContent = money(m.equity);
  for (const [id, v] of [['k-realized', m.realizedPnl], ['k-unrealized', m.unrealizedPnl]]) {
    $(id).textContent = money(v);
    $(id).className = 'pnl ' + sign(v);
  }
  $('k-drawdown').textContent = money(m.drawdown);
  $('k-tps').textContent = m.ticksPerSecond.toLocaleString('en-US');
  $('ticks-total').textContent = m.ticksTotal.toLocaleString('en-US');
  $('k-signals').textContent = m.signalsTotal.toLocaleString('en-US');
  $('k-orders').textContent = m.ordersTotal.toLocaleString('en-US');
  $('k-denied').textContent = m.ordersDenied.toLocaleString('en-US');
  $('k-fills').textContent = m.fillsTotal.toLocaleString('en-US');
  $('k-rt-p50').textContent = micros(m.inRuntimeP50Micros);
  $('k-rt-p99').textContent = micros(m.inRuntimeP99Micros);
  $('k-p50').textContent = micros(m.tickToTradeP50Micros);
  $('k-p99').textContent = micros(m.tickToTradeP99Micros);
  state.inRuntimeP50Micros = m.inRuntimeP50Micros;
  $('k-writer').textContent = m.writerQueueDepth.toLocaleString('en-US') + ' / '
    + m.writerDropped.toLocaleString('en-US');
  $('k-heap').textContent = (m.heapUsedBytes / 1048576).toFixed(0) + ' MB';
  $('k-cpu').textContent = (m.cpuPermille / 10).toFixed(1) + ' %';
  if (m.tradingState !== state.tradingState) showState(m.tradingState);
  addSnapshot(m);
}

const barKey = (symbol, timeframe) => symbol + '/' + timeframe;

function onBar(bar) {
  const key = barKey(bar.symbol, bar.timeframe);
  if (!state.bars.has(key)) state.bars.set(key, new Map());
  const series = state.bars.get(key);
  series.set(bar.startMicros, bar);
  if (series.size > 2000) series.delete(series.keys().next().value);
  addSymbol(bar.symbol);
  if (bar.symbol === state.symbol && bar.timeframe === state.timeframe) state.dirty.add('candles');
}

function onQuote(q) {
  state.quotes.set(q.symbol, q);
  addSymbol(q.symbol);
  state.dirty.add('quotes');
  if (q.symbol === state.symbol) state.dirty.add('candles');
}

const symbolButtons = new Map(); // a Map, not a CSS selector built from the symbol: any text is a valid key

function addSymbol(symbol) {
  if (symbolButtons.has(symbol)) return;
  const b = button(symbol, '', () => selectSymbol(symbol, true));
  b.setAttribute('aria-pressed', 'false');
  symbolButtons.set(symbol, b);
  const after = [...symbolButtons.keys()].sort().find((s) => s > symbol);
  $('symbols').insertBefore(b, after === undefined ? null : symbolButtons.get(after));
  if (![...$('t-symbol').options].some((o) => o.value === symbol)) {
    fillTicketSymbols([...$('t-symbol').options].map((o) => o.value).concat(symbol));
  }
  if (!state.symbol) selectSymbol(symbol);
}

function selectSymbol(symbol, byPerson = false) {
  state.symbol = symbol;
  state.symbolChosen = state.symbolChosen || byPerson;
  symbolButtons.forEach((b, s) => {
    b.classList.toggle('active', s === symbol);
    b.setAttribute('aria-pressed', String(s === symbol));
  });
  if ([...$('t-symbol').options].some((o) => o.value === symbol)) {
    $('t-symbol').value = symbol;
    showIncrements();
  }
  loadBars();
}

async function loadBars() {
  const {symbol, timeframe} = state;
  const body = await getJson(`api/bars?symbol=${encodeURIComponent(symbol)}&timeframe=${encodeURIComponent(timeframe)}`
    + '&limit=1000');
  if (body && Array.isArray(body.items)) body.items.forEach(onBar);
  state.dirty.add('candles');
}

const MAX_KEPT_FILLS = 1000;

function onFill(f) {
  // keyed by fill id: a REST answer that crosses a live fill neither doubles nor drops it
  state.fills.set(f.fillId, f);
  if (state.fills.size > MAX_KEPT_FILLS) state.fills.delete(state.fills.keys().next().value);
  state.dirty.add('fills');
  if (f.symbol === state.symbol) state.dirty.add('candles');
}

function onPortfolio(p) {
  state.positions = Array.isArray(p.positions) ? p.positions : [];
  state.dirty.add('positions');
}

// one repaint per animation frame however fast messages arrive
function frame() {
  const dirty = state.dirty;
  // five minutes of 10 Hz points in three charts: redrawn at most 4 times a second, which the eye cannot tell apart
  if (dirty.has('lines') && performance.now() - (state.linesDrawnAt || 0) >= 250) {
    state.linesDrawnAt = performance.now();
    renderLines(state.equity, state.latency, state.system);
  } else if (dirty.has('lines')) {
    dirty.delete('lines');
    requestAnimationFrame(() => state.dirty.add('lines'));
  }
  if (dirty.has('candles') && state.symbol) {
    const bars = [...(state.bars.get(barKey(state.symbol, state.timeframe)) || new Map()).values()]
      .sort((a, b) => a.startMicros - b.startMicros);
    renderCandles(bars, state.quotes.get(state.symbol), [...state.fills.values()].filter((f) => f.symbol
      === state.symbol), state.timeframe);
  }
  if (dirty.has('quotes')) renderQuotes(state.quotes);
  if (dirty.has('positions')) renderPositions(state.positions);
  if (dirty.has('fills')) renderFills(state.fills);
  releaseHeldOrders();
  dirty.clear();
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

const getJson = (path) => fetch(path).then((r) => (r.ok ? r.json() : null)).catch(() => null);

async function loadRecovery() {
  showRecovery(await getJson('api/recovery'));
}

async function pollCluster() {
  try {
    const res = await fetch('api/cluster');
    const body = await res.json();
    if (res.ok) {
      showCluster(body);
    } else {
      const e = body && body.error ? body.error : {};
      showCluster(null, `${res.status} ${text(e.code)}: ${text(e.message)}`);
    }
  } catch (e) {
    showCluster(null, 'the cluster view could not be read: ' + text(e && e.message));
  }
}

/** The last minutes of stored snapshots, so the line charts are full at once after a reload. */
async function loadHistory() {
  const history = await getJson('api/metrics/history?minutes=' + WINDOW_MICROS / 60e6);
  if (!history || !Array.isArray(history.items)) return;
  const live = [state.equity, state.latency, state.system].map((s) => s.splice(0));
  history.items.forEach(addSnapshot);
  state.historyPoints = history.items.length;
  const newest = state.equity.length ? state.equity[state.equity.length - 1][0] : 0;
  // live points that arrived while history loaded follow it
  live[0].forEach((p, i) => {
    if (p[0] > newest) {
      pushPoint(state.equity, p);
      pushPoint(state.latency, live[1][i]);
      pushPoint(state.system, live[2][i]);
    }
  });
}

/** Everything a view shows, from REST: at load and after every reconnect (the runtime may have restarted). */
async function loadAll() {
  const [instrumentList, timeframes, risk, limits, orders, trades, positions, strategies, daily] = await Promise.all([
    getJson('api/instruments'), getJson('api/bars/timeframes'), getJson('api/risk'), getJson('api/risk/limits'),
    getJson('api/orders?limit=200'), getJson('api/trades?limit=200'), getJson('api/positions?limit=1000'),
    getJson('api/pnl/strategies'), getJson('api/pnl/daily?days=30')]);
  if (instrumentList && Array.isArray(instrumentList.items)) {
    instrumentList.items.forEach((i) => instruments.set(i.symbol, i));
    fillTicketSymbols(instrumentList.items.map((i) => text(i.symbol)));
    instrumentList.items.forEach((i) => addSymbol(text(i.symbol)));
    // the first instrument, not whichever symbol's quote happened to arrive first
    if (!state.symbolChosen && instrumentList.items.length) selectSymbol(text(instrumentList.items[0].symbol));
  }
  if (timeframes && Array.isArray(timeframes.items) && timeframes.items.length) showTimeframes(timeframes.items);
  const change = risk && risk.lastChange;
  if (risk) showState(risk.state, change && change.message, change && change.tsMicros);
  onRiskLimits(limits);
  if (orders && Array.isArray(orders.items)) orders.items.slice().reverse().forEach(renderOrder);
  if (trades && Array.isArray(trades.items)) trades.items.slice().reverse().forEach(onFill);
  if (positions && Array.isArray(positions.items)) onPortfolio({positions: positions.items});
  onStrategies(strategies);
  if (daily && Array.isArray(daily.days)) renderDaily(daily.days);
  await Promise.all([loadHistory(), loadRecovery(), loadLogs(), pollLatency()]);
  if (state.symbol) loadBars();
}

function showTimeframes(items) {
  state.timeframes = items.map(text);
  const select = $('timeframe');
  select.replaceChildren(...state.timeframes.map((t) => {
    const o = document.createElement('option');
    o.value = t;
    o.textContent = t;
    return o;
  }));
  if (!state.timeframes.includes(state.timeframe)) state.timeframe = state.timeframes[0];
  select.value = state.timeframe;
}

async function pollLatency() {
  onLatencyHistogram(await getJson('api/metrics/latency'));
}

async function pollHealthOnce() {
  const h = await getJson('health');
  if (!h) return;
  const w = h.checks && h.checks.writer;
  $('health').textContent = `health ${text(h.status)} · writer `
    + (w && w.configured ? text(w.status) : 'not on this node')
    + ` · feed ${h.checks && h.checks.feed ? text(h.checks.feed.status) : '?'} · cluster `
    + (h.checks && h.checks.cluster && h.checks.cluster.clustered ? 'joined' : 'single node');
}

async function pollDaily() {
  const daily = await getJson('api/pnl/daily?days=30');
  if (daily && Array.isArray(daily.days)) renderDaily(daily.days);
}

document.querySelectorAll('header button[data-command]').forEach((b) => b.addEventListener('click',
  () => control(b.dataset.command)));
sessionStorage.removeItem('trt-token'); // earlier versions kept it there
$('token').value = '';
$('token').addEventListener('input', (e) => { token = e.target.value.trim(); });
$('timeframe').addEventListener('change', (e) => { state.timeframe = e.target.value; loadBars(); });
$('ticket').addEventListener('submit', submitTicket);
$('ticket').addEventListener('change', onTicketChange);
$('t-symbol').addEventListener('change', showIncrements);
$('log-level').addEventListener('change', loadLogs);
fillLevels();
onTicketChange();

/** What the page listens to on the bus; SockJsFanout (benchmarks) registers the same list. */
const SUBSCRIPTIONS = [
  ['metrics.live', onMetrics],
  ['md.bars', onBar],
  ['md.quotes', (batch) => batch.ticks.forEach(onQuote)],
  ['portfolio.updates', onPortfolio],
  ['portfolio.strategies', onStrategies],
  ['exec.events', renderOrder],
  ['exec.fills', onFill],
  ['risk.state', (c) => showState(c.to, c.cause + ': ' + c.message, c.tsMicros)],
  ['risk.limits', onRiskLimits],
  ['logs.tail', onLogTail],
];

const bus = new EventBus('eventbus', {vertxbus_reconnect_delay_min: 500, vertxbus_reconnect_delay_max: 15000,
  vertxbus_reconnect_exponent: 2, vertxbus_randomization_factor: 0.5});
bus.enableReconnect(true);
bus.onopen = () => {
  $('conn').textContent = 'bus: live';
  $('conn').className = 'pill up';
  for (const [address, handler] of SUBSCRIPTIONS) {
    bus.registerHandler(address, (err, message) => {
      if (err) console.warn('bus:', address, err.message || err);
      else handler(message.body);
    });
  }
  pollHealthOnce();
  loadAll();
};
bus.onclose = () => {
  $('conn').textContent = 'bus: reconnecting';
  $('conn').className = 'pill down';
};
bus.onerror = (err) => console.warn('bus:', err && (err.body || err.message));
pollCluster();
setInterval(pollCluster, 2000);
setInterval(pollLatency, 2000);
setInterval(pollDaily, 30000);
