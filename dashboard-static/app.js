'use strict';
// tradingrt live dashboard: everything arrives over the SockJS event bus; REST is used once at load and for controls.

/** A minimal client of the Vert.x SockJS bridge protocol (register / send / rec / err / ping). */
class Bus {
  constructor(url, onState) {
    this.url = url;
    this.onState = onState;
    this.handlers = new Map();
    this.replies = new Map();
    this.connect();
  }

  connect() {
    this.sock = new SockJS(this.url);
    this.sock.onopen = () => {
      this.onState(true);
      for (const address of this.handlers.keys()) this.write({type: 'register', address});
      this.pinger = setInterval(() => this.write({type: 'ping'}), 5000);
    };
    this.sock.onclose = () => {
      this.onState(false);
      clearInterval(this.pinger);
      setTimeout(() => this.connect(), 2000); // the runtime restarted or the network blinked: keep trying
    };
    this.sock.onmessage = (e) => this.dispatch(JSON.parse(e.data));
  }

  dispatch(msg) {
    const reply = msg.address && this.replies.get(msg.address);
    if (reply) {
      this.replies.delete(msg.address);
      reply(msg.type === 'err' ? new Error(msg.message) : null, msg.body);
    } else if (msg.type === 'rec') {
      (this.handlers.get(msg.address) || []).forEach((h) => h(msg.body, msg.headers));
    } else if (msg.type === 'err') {
      console.warn('bus:', msg.body || msg.message);
    }
  }

  write(frame) {
    if (this.sock && this.sock.readyState === 1) this.sock.send(JSON.stringify(frame));
  }

  on(address, handler) {
    if (!this.handlers.has(address)) {
      this.handlers.set(address, []);
      this.write({type: 'register', address});
    }
    this.handlers.get(address).push(handler);
  }
}

const $ = (id) => document.getElementById(id);
const num = (s) => (s === null || s === undefined ? NaN : Number(s));
const fmt = (s, digits = 2) => (isNaN(num(s)) ? '–' : num(s).toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits}));
const micros = (v) => (v >= 10000 ? (v / 1000).toFixed(1) + ' ms' : v + ' µs');
const time = (us) => new Date(us / 1000).toISOString().substring(11, 23);
const signed = (el, s) => { el.textContent = fmt(s); el.className = num(s) > 0 ? 'pnl pos' : num(s) < 0 ? 'pnl neg' : 'pnl'; };
// data becomes a CSS class only when it is one of ours, so a hostile status cannot pick the page's styles
const STYLED = new Set(['BUY', 'SELL', 'DENIED', 'REJECTED', 'FILLED', 'CANCELED', 'EXPIRED']);
const styleOf = (value) => (STYLED.has(value) ? value : '');
const STATES = new Set(['ACTIVE', 'REDUCING', 'HALTED']);

/** A table row built from text: each cell is a value, or {text, cls, title}; nothing here is parsed as HTML. */
function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const c = cell !== null && typeof cell === 'object' ? cell : {text: cell};
    const td = document.createElement('td');
    td.textContent = c.text === undefined || c.text === null ? '' : String(c.text);
    if (c.cls) td.className = c.cls;
    if (c.title) td.title = String(c.title);
    tr.appendChild(td);
  }
  return tr;
}

const fillBody = (tableId, rows) => $(tableId).tBodies[0].replaceChildren(...rows);

const MAX_POINTS = 600; // one minute of 10 Hz snapshots
const state = {
  symbol: null, timeframe: '1s', bars: new Map(), quotes: new Map(), positions: [], orders: new Map(), fills: [],
  equity: [], latency: [], system: [], liveCount: 0, dirty: new Set(),
};
window.__trt = state; // the browser test reads liveCount and the risk state from here

const dark = {backgroundColor: 'transparent', textStyle: {color: '#d0d7de', fontFamily: 'ui-monospace, monospace'}};
// HTML tooltips are markup with style attributes, which style-src 'self' refuses; richText draws them on the canvas
const tooltip = (trigger, extra = {}) => ({trigger, renderMode: 'richText', backgroundColor: '#151b23',
  borderColor: '#3b4450', textStyle: {color: '#d0d7de'}, ...extra});
const axis = {axisLine: {lineStyle: {color: '#3b4450'}}, splitLine: {lineStyle: {color: '#1f2630'}}, axisLabel: {color: '#7d8590'}};
const charts = {
  candles: echarts.init($('candles'), null, {renderer: 'canvas'}),
  equity: echarts.init($('equity')),
  latency: echarts.init($('latency')),
  system: echarts.init($('system')),
};
charts.candles.setOption({...dark, animation: false, grid: {left: 60, right: 60, top: 10, bottom: 50},
  xAxis: [{type: 'category', ...axis, data: []}, {type: 'category', gridIndex: 0, show: false, data: []}],
  yAxis: [{scale: true, ...axis}, {scale: true, ...axis, position: 'right', splitLine: {show: false}}],
  dataZoom: [{type: 'inside', start: 50, end: 100}, {type: 'slider', height: 16, bottom: 8, textStyle: {color: '#7d8590'}}],
  tooltip: tooltip('axis', {axisPointer: {type: 'cross'}}),
  series: [{type: 'candlestick', name: 'price', itemStyle: {color: '#26a69a', color0: '#ef5350', borderColor: '#26a69a', borderColor0: '#ef5350'}, data: []},
    {type: 'bar', name: 'volume', yAxisIndex: 1, itemStyle: {color: 'rgba(88,166,255,.25)'}, data: []}]});
const lineChart = (chart, names, colors, yNames) => chart.setOption({...dark, animation: false,
  grid: {left: 84, right: yNames.length > 1 ? 60 : 12, top: 22, bottom: 22},
  legend: {top: 0, textStyle: {color: '#7d8590'}, data: names}, tooltip: tooltip('axis'),
  xAxis: {type: 'time', ...axis}, yAxis: yNames.map((n, i) => ({type: 'value', scale: true, name: '', ...axis, position: i ? 'right' : 'left', splitLine: {show: !i, lineStyle: {color: '#1f2630'}}})),
  series: names.map((name, i) => ({type: 'line', name, showSymbol: false, yAxisIndex: yNames.length > 1 && i > 0 ? 1 : 0, lineStyle: {width: 1.5, color: colors[i]}, itemStyle: {color: colors[i]}, data: []}))});
lineChart(charts.equity, ['equity', 'realized', 'unrealized'], ['#58a6ff', '#26a69a', '#e3b341'], ['equity', 'pnl']);
lineChart(charts.latency, ['in-runtime p50', 'in-runtime p99', 'feed-to-fill p50', 'feed-to-fill p99'],
  ['#58a6ff', '#a371f7', '#26a69a', '#ef5350'], ['µs']);
lineChart(charts.system, ['ticks/s', 'heap MB'], ['#58a6ff', '#a371f7'], ['ticks/s', 'MB']);
window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));

function push(series, point) {
  series.push(point);
  if (series.length > MAX_POINTS) series.shift();
}

function onMetrics(m) {
  state.liveCount++;
  $('k-equity').textContent = fmt(m.equity);
  signed($('k-realized'), m.realizedPnl);
  signed($('k-unrealized'), m.unrealizedPnl);
  $('k-drawdown').textContent = fmt(m.drawdown);
  $('k-tps').textContent = m.ticksPerSecond.toLocaleString();
  $('ticks-total').textContent = m.ticksTotal.toLocaleString();
  $('k-signals').textContent = m.signalsTotal.toLocaleString();
  $('k-orders').textContent = m.ordersTotal.toLocaleString();
  $('k-denied').textContent = m.ordersDenied.toLocaleString();
  $('k-fills').textContent = m.fillsTotal.toLocaleString();
  $('k-rt-p50').textContent = micros(m.inRuntimeP50Micros);
  $('k-rt-p99').textContent = micros(m.inRuntimeP99Micros);
  $('k-p50').textContent = micros(m.tickToTradeP50Micros);
  $('k-p99').textContent = micros(m.tickToTradeP99Micros);
  state.inRuntimeP50Micros = m.inRuntimeP50Micros;
  $('k-writer').textContent = m.writerQueueDepth.toLocaleString() + ' / ' + m.writerDropped.toLocaleString();
  $('k-heap').textContent = (m.heapUsedBytes / 1048576).toFixed(0) + ' MB';
  $('k-cpu').textContent = (m.cpuPermille / 10).toFixed(1) + ' %';
  showState(m.tradingState);
  const t = m.tsMicros / 1000;
  push(state.equity, [t, num(m.equity), num(m.realizedPnl), num(m.unrealizedPnl)]);
  push(state.latency, [t, m.inRuntimeP50Micros, m.inRuntimeP99Micros, m.tickToTradeP50Micros,
    m.tickToTradeP99Micros]);
  push(state.system, [t, m.ticksPerSecond, m.heapUsedBytes / 1048576]);
  state.dirty.add('lines');
}

function showState(s, cause) {
  const el = $('risk-state');
  if (el.textContent !== s) {
    el.textContent = s;
    el.className = 'pill' + (STATES.has(s) ? ' state-' + s : '');
  }
  if (cause) $('risk-cause').textContent = cause;
}

function barKey(bar) {
  return bar.symbol + '/' + bar.timeframe;
}

function onBar(bar) {
  const key = barKey(bar);
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
  const b = document.createElement('button');
  b.textContent = symbol;
  b.addEventListener('click', () => selectSymbol(symbol));
  symbolButtons.set(symbol, b);
  $('symbols').appendChild(b);
  if (!state.symbol) selectSymbol(symbol);
}

function selectSymbol(symbol) {
  state.symbol = symbol;
  symbolButtons.forEach((b, s) => b.classList.toggle('active', s === symbol));
  loadBars();
}

async function loadBars() {
  const symbol = state.symbol;
  try {
    const res = await fetch(`api/bars?symbol=${encodeURIComponent(symbol)}&timeframe=${state.timeframe}&limit=1000`);
    if (res.ok) (await res.json()).items.forEach(onBar);
  } catch (e) { /* the live stream fills the chart anyway */ }
  state.dirty.add('candles');
}

/** Completed bars plus a provisional candle from the current quote, so the last candle moves with the market. */
function renderCandles() {
  const bars = [...(state.bars.get(state.symbol + '/' + state.timeframe) || new Map()).values()]
    .sort((a, b) => a.startMicros - b.startMicros);
  const q = state.quotes.get(state.symbol);
  const spanMicros = state.timeframe === '1m' ? 60e6 : 1e6;
  const rows = bars.map((b) => [b.startMicros, num(b.open), num(b.close), num(b.low), num(b.high), num(b.volume)]);
  if (q) {
    const start = Math.floor(q.tsMicros / spanMicros) * spanMicros;
    const last = rows[rows.length - 1];
    const px = num(q.last);
    if (!last || start > last[0]) rows.push([start, last ? last[2] : px, px, Math.min(px, last ? last[2] : px), Math.max(px, last ? last[2] : px), 0]);
  }
  charts.candles.setOption({
    xAxis: [{data: rows.map((r) => time(r[0]).substring(0, state.timeframe === '1m' ? 5 : 8))}, {data: []}],
    series: [{data: rows.map((r) => [r[1], r[2], r[3], r[4]])}, {data: rows.map((r) => r[5])}]});
}

function renderQuotes() {
  fillBody('quotes', [...state.quotes.values()].sort((a, b) => String(a.symbol).localeCompare(String(b.symbol)))
    .map((q) => row([q.symbol, fmt(q.bid), fmt(q.ask), fmt(q.last), fmt(num(q.ask) - num(q.bid), 4)])));
}

const sign = (s) => (num(s) < 0 ? 'neg' : 'pos');

function onPortfolio(p) {
  state.positions = p.positions;
  fillBody('positions', p.positions.map((x) => row([x.symbol, {text: fmt(x.quantity, 0), cls: sign(x.quantity)},
    fmt(x.avgPrice), fmt(x.lastPrice), {text: fmt(x.unrealizedPnl), cls: sign(x.unrealizedPnl)}, fmt(x.realizedPnl)])));
}

function onOrderEvent(e) {
  state.orders.delete(e.clientOrderId);
  state.orders.set(e.clientOrderId, e);
  if (state.orders.size > 300) state.orders.delete(state.orders.keys().next().value);
  state.dirty.add('orders');
}

function onFill(f) {
  state.fills.unshift(f);
  if (state.fills.length > 300) state.fills.pop();
  state.dirty.add('fills');
}

function renderOrders() {
  fillBody('orders', [...state.orders.values()].reverse().slice(0, 200).map((e) => row([time(e.tsMicros),
    e.clientOrderId, e.strategy, e.symbol, {text: e.side, cls: styleOf(e.side)}, fmt(e.quantity, 0),
    {text: e.status, cls: styleOf(e.status)}, fmt(e.filledQuantity, 0), fmt(e.avgFillPrice),
    {text: e.reasonCode, title: e.message}])));
}

function renderFills() {
  fillBody('fills', state.fills.slice(0, 200).map((f) => row([time(f.tsMicros), f.symbol,
    {text: f.side, cls: styleOf(f.side)}, fmt(f.quantity, 0), fmt(f.price), fmt(f.fee, 4)])));
}

function renderLines() {
  const col = (rows, i) => rows.map((r) => [r[0], r[i]]);
  charts.equity.setOption({series: [{data: col(state.equity, 1)}, {data: col(state.equity, 2)}, {data: col(state.equity, 3)}]});
  charts.latency.setOption({series: [1, 2, 3, 4].map((i) => ({data: col(state.latency, i)}))});
  charts.system.setOption({series: [{data: col(state.system, 1)}, {data: col(state.system, 2)}]});
}

// one repaint per animation frame however fast messages arrive
function frame() {
  const dirty = state.dirty;
  if (dirty.has('lines')) renderLines();
  if (dirty.has('candles') && state.symbol) renderCandles();
  if (dirty.has('quotes')) renderQuotes();
  if (dirty.has('orders')) renderOrders();
  if (dirty.has('fills')) renderFills();
  dirty.clear();
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

// the token lives in this variable only: a reload asks for it again, and no storage keeps it for later scripts
let token = '';

async function control(command) {
  const res = await fetch('api/risk/' + command, {method: 'POST', headers: {'Authorization': 'Bearer ' + token,
    'Content-Type': 'application/json'}, body: JSON.stringify({reason: 'dashboard'})});
  const body = await res.json();
  if (res.ok) {
    showState(body.to, body.cause + ': ' + body.message);
    $('control-result').textContent = `${command}: ${body.from} → ${body.to}`;
  } else {
    $('control-result').textContent = `${command}: ${body.error.code} – ${body.error.message}`;
  }
}

/** What the runtime's start rebuilt from the journal (GET /api/recovery); a book that differs from the stored one warns. */
function showRecovery(r) {
  const panel = $('recovery');
  if (!r) {
    $('recovery-line').textContent = 'no recovery report: the risk role did not answer';
    return;
  }
  state.recovery = r;
  $('recovery-line').textContent = r.line;
  $('recovery-state').textContent = r.state;
  $('recovery-state').className = 'pill' + (STATES.has(r.state) ? ' state-' + r.state : '');
  const mismatches = Array.isArray(r.mismatches) ? r.mismatches : [];
  const consistent = r.consistent === true;
  $('recovery-verdict').textContent = !r.journaled ? 'no journal kept'
    : consistent ? 'consistent with the stored positions' : `NOT consistent: ${mismatches.length} mismatches`;
  $('recovery-verdict').className = 'verdict' + (consistent ? ' ok' : '');
  panel.classList.toggle('warning', !consistent && r.journaled !== false);
  $('recovery-figures').textContent = `${num(r.entries).toLocaleString('en-US')} journal entries · ${num(r.totalMillis).toLocaleString('en-US')} ms`;
  $('recovery-mismatches').replaceChildren(...mismatches.map((m) => {
    const li = document.createElement('li');
    li.textContent = String(m);
    return li;
  }));
}

// asked again on every bus reconnect: the runtime may have restarted and rebuilt a different book
async function loadRecovery() {
  const r = await fetch('api/recovery').then((res) => (res.ok ? res.json() : null)).catch(() => null);
  showRecovery(r);
}

const text = (v) => (v === null || v === undefined ? '' : String(v));
const names = (v) => (Array.isArray(v) ? v.map(text).join(', ') : '');
const holderName = (holder) => (holder !== null && typeof holder === 'object' ? text(holder.name) : null);
const instant = (iso) => ({text: text(iso).replace('T', ' ').substring(0, 19), title: text(iso)});
const listOf = (v) => (Array.isArray(v) ? v.filter((x) => x !== null && typeof x === 'object') : []);

/** A singleton's or strategy's row; red when it must run somewhere and nobody holds it. */
function leaseRow(entry, mustRun) {
  const holder = holderName(entry.holder);
  const tr = row([{text: entry.name, title: entry.roles ? 'roles: ' + names(entry.roles) : ''},
    {text: holder === null ? 'none' : holder, title: 'eligible: ' + names(entry.eligible)}, text(entry.term),
    instant(entry.since)]);
  if (holder === null && mustRun) tr.className = 'unheld';
  return tr;
}

/** This node's cluster view (GET /api/cluster, docs/cluster.md), or the reason there is none. */
function showCluster(view, problem) {
  state.cluster = view;
  const panel = $('cluster');
  if (!view) {
    $('cluster-mode').textContent = 'no view';
    $('cluster-mode').className = 'pill down';
    $('cluster-missing').textContent = '';
    $('cluster-message').textContent = problem;
    ['cluster-members', 'cluster-singletons', 'cluster-strategies'].forEach((id) => fillBody(id, []));
    panel.classList.remove('warning');
    return;
  }
  const members = listOf(view.members);
  const missing = Array.isArray(view.missing) ? view.missing.map(text) : [];
  $('cluster-mode').textContent = view.clustered === true
    ? `clustered · ${members.length} member${members.length === 1 ? '' : 's'}` : 'single node';
  $('cluster-mode').className = 'pill ' + (missing.length ? 'down' : 'up');
  $('cluster-missing').textContent = missing.length ? 'no holder: ' + missing.join(', ') : 'every required singleton held';
  $('cluster-missing').className = 'verdict' + (missing.length ? '' : ' ok');
  panel.classList.toggle('warning', missing.length > 0);
  $('cluster-message').textContent = `seen from ${text(holderName(view.node))} · lease ${text(view.leaseMillis)} ms`;
  fillBody('cluster-members', members.map((m) => row([{text: m.name, title: m.id}, names(m.roles), names(m.holds),
    instant(m.joinedAt)])));
  fillBody('cluster-singletons', listOf(view.singletons).map((s) => leaseRow(s, s.required === true)));
  fillBody('cluster-strategies', listOf(view.strategies).map((s) => leaseRow(s, true)));
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

async function loadOnce() {
  const get = async (path) => { const r = await fetch(path); return r.ok ? r.json() : null; };
  const risk = await get('api/risk');
  if (risk) showState(risk.state, risk.lastChange && risk.lastChange.message);
  await loadRecovery();
  const orders = await get('api/orders?limit=200');
  if (orders) orders.items.reverse().forEach(onOrderEvent);
  const trades = await get('api/trades?limit=200');
  if (trades) trades.items.reverse().forEach(onFill);
  const positions = await get('api/positions?limit=1000');
  if (positions && positions.items) onPortfolio({positions: positions.items});
}

async function pollHealthOnce() {
  const r = await fetch('health');
  const h = await r.json();
  const w = h.checks && h.checks.writer;
  $('health').textContent = `health ${h.status} · writer ${w && w.configured ? w.status : 'not on this node'} · feed ${h.checks ? h.checks.feed.status : '?'} · cluster ${h.checks && h.checks.cluster.clustered ? 'joined' : 'single node'}`;
}

document.querySelectorAll('header button[data-command]').forEach((b) => b.addEventListener('click', () => control(b.dataset.command)));
sessionStorage.removeItem('trt-token'); // earlier versions kept it there
$('token').value = '';
$('token').addEventListener('input', (e) => { token = e.target.value.trim(); });
$('timeframe').addEventListener('change', (e) => { state.timeframe = e.target.value; loadBars(); });

const bus = new Bus('eventbus', (up) => {
  $('conn').textContent = up ? 'bus: live' : 'bus: reconnecting';
  $('conn').className = 'pill ' + (up ? 'up' : 'down');
  if (up) { pollHealthOnce(); loadRecovery(); }
});
pollCluster();
setInterval(pollCluster, 2000);
bus.on('metrics.live', onMetrics);
bus.on('md.bars', onBar);
bus.on('md.quotes', batch => batch.ticks.forEach(onQuote));
bus.on('portfolio.updates', onPortfolio);
bus.on('exec.events', onOrderEvent);
bus.on('exec.fills', onFill);
bus.on('risk.state', (c) => showState(c.to, c.cause + ': ' + c.message));
loadOnce();
