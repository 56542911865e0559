'use strict';
// tradingrt backtest page: starts runs with POST /api/backtests, follows them on backtest.progress (polling as a
// fallback), and draws the result. Every value from the server reaches the page as text (textContent), never markup.

const $ = (id) => document.getElementById(id);
const num = (s) => (s === null || s === undefined ? NaN : Number(s));
const money = (s) => (isNaN(num(s)) ? '–' : num(s).toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2}));
const pct = (v, digits = 2) => (v === null || v === undefined || isNaN(num(v)) ? '–' : (num(v) * 100).toFixed(digits) + ' %');
const ratio = (v) => (v === null || v === undefined || isNaN(num(v)) ? '–' : num(v).toFixed(2));
const whole = (v) => (isNaN(num(v)) ? '–' : Math.round(num(v)).toLocaleString('en-US'));
const iso = (us) => new Date(us / 1000).toISOString().replace('T', ' ').substring(0, 19);
const duration = (us) => {
  const s = us / 1e6;
  return s >= 86400 ? (s / 86400).toFixed(1) + ' d' : s >= 3600 ? (s / 3600).toFixed(1) + ' h' : s >= 60 ? (s / 60).toFixed(1) + ' m' : s.toFixed(0) + ' s';
};
const STATUSES = ['RUNNING', 'DONE', 'FAILED'];

window.__bt = {progressMessages: 0, lastProgress: null, runId: null, equityPoints: 0, fillMarkers: 0, candles: 0};
const state = {runId: null, report: null, fills: [], fillsTotal: 0, poll: null};

/** The Vert.x SockJS bridge protocol, receiving only: register, rec, ping. */
function connectBus() {
  const sock = new SockJS('eventbus');
  let pinger = null;
  sock.onopen = () => {
    $('conn').textContent = 'bus: live';
    $('conn').className = 'pill up';
    sock.send(JSON.stringify({type: 'register', address: 'backtest.progress'}));
    pinger = setInterval(() => sock.send(JSON.stringify({type: 'ping'})), 5000);
  };
  sock.onclose = () => {
    $('conn').textContent = 'bus: down';
    $('conn').className = 'pill down';
    clearInterval(pinger);
    setTimeout(connectBus, 2000);
  };
  sock.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    if (msg.type === 'rec' && msg.address === 'backtest.progress') onProgress(msg.body);
  };
}

function onProgress(p) {
  if (!p || p.runId !== state.runId) return;
  window.__bt.progressMessages++;
  window.__bt.lastProgress = p;
  showProgress(p);
  if (p.status !== 'RUNNING') loadRun(p.runId);
}

function showProgress(p) {
  $('bt-progress').value = Math.max(0, Math.min(1, num(p.progress) || 0));
  const status = STATUSES.includes(p.status) ? p.status : 'RUNNING';
  const parts = [status, pct(p.progress, 0), whole(p.ticks) + ' ticks'];
  if (p.kind === 'sweep') parts.push((p.runsDone || 0) + ' / ' + (p.runs || 0) + ' runs');
  $('bt-status').textContent = parts.join(' · ');
  $('bt-status').className = 'status-' + status;
  $('bt-message').textContent = p.message || '';
}

function request() {
  const body = {};
  const text = (id) => $(id).value.trim();
  if (text('bt-from')) body.from = /^\d+$/.test(text('bt-from')) ? Number(text('bt-from')) : text('bt-from');
  if (text('bt-to')) body.to = /^\d+$/.test(text('bt-to')) ? Number(text('bt-to')) : text('bt-to');
  if (text('bt-symbols')) body.symbols = text('bt-symbols').split(',').map((s) => s.trim()).filter(Boolean);
  if ($('bt-source').value !== 'db') body.source = {kind: $('bt-source').value, path: text('bt-path')};
  if (text('bt-cash')) body.initialCash = text('bt-cash');
  if (text('bt-latency')) body.latencyMicros = Number(text('bt-latency'));
  if (text('bt-strategies')) body.strategies = JSON.parse(text('bt-strategies'));
  if (text('bt-sweep')) body.sweep = JSON.parse(text('bt-sweep'));
  return body;
}

async function start() {
  let body;
  try {
    body = request();
  } catch (e) {
    $('bt-message').textContent = 'strategies and sweep must be JSON: ' + e.message;
    return;
  }
  const res = await fetch('api/backtests', {method: 'POST', headers: {'Authorization': 'Bearer ' + $('token').value,
    'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  const answer = await res.json().catch(() => ({}));
  if (res.status !== 202) {
    const error = answer.error || {};
    $('bt-status').textContent = 'refused';
    $('bt-status').className = 'status-FAILED';
    $('bt-message').textContent = res.status + ' ' + (error.code || '') + ': ' + (error.message || res.statusText);
    return;
  }
  state.runId = answer.runId;
  window.__bt.runId = answer.runId;
  clearResult();
  $('bt-run-id').textContent = answer.runId;
  showProgress(answer);
  clearInterval(state.poll);
  // the bus brings progress; a slow poll covers a lost bus connection
  state.poll = setInterval(() => loadRun(state.runId), 2000);
  loadRuns();
}

async function loadRun(runId) {
  const res = await fetch('api/backtests/' + encodeURIComponent(runId));
  if (!res.ok || runId !== state.runId) return;
  const run = await res.json();
  showProgress(run);
  if (run.status === 'RUNNING') return;
  clearInterval(state.poll);
  loadRuns();
  if (run.status === 'DONE' && run.report) await showResult(run);
}

function clearResult() {
  for (const id of ['bt-figures', 'bt-fills', 'bt-ranking']) $(id).tBodies[0].replaceChildren();
  $('bt-ranking-panel').classList.add('hidden');
  equityChart.setOption({series: [{data: []}]});
  drawdownChart.setOption({series: [{data: []}]});
  candleChart.setOption({series: [{data: []}, {data: []}, {data: []}]});
}

function cell(tr, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  tr.appendChild(td);
  return td;
}

function signedClass(v) {
  return num(v) > 0 ? 'pos' : num(v) < 0 ? 'neg' : '';
}

async function showResult(run) {
  const report = run.report;
  if (report.runs) return showSweep(run);
  state.report = report;
  $('bt-source-shown').textContent = report.source + ' · ' + iso(report.firstMicros) + ' → ' + iso(report.lastMicros);
  const t = report.total;
  $('k-final').textContent = money(t.finalEquity);
  $('k-net').textContent = money(t.netPnl);
  $('k-net').className = signedClass(t.netPnl);
  $('k-return').textContent = pct(t.totalReturn, 3);
  $('k-return').className = signedClass(t.totalReturn);
  $('k-annual').textContent = pct(t.annualizedReturn);
  $('k-sharpe').textContent = ratio(t.sharpe);
  $('k-sortino').textContent = ratio(t.sortino);
  $('k-mdd').textContent = money(t.maxDrawdown) + (t.maxDrawdownFraction === null ? '' : ' (' + pct(t.maxDrawdownFraction) + ')');
  $('k-mdd-time').textContent = duration(t.maxDrawdownMicros);
  $('k-fills').textContent = whole(t.fills);
  $('k-win').textContent = pct(t.winRate, 0);
  $('k-pf').textContent = ratio(t.profitFactor);
  $('k-fees').textContent = money(t.fees);
  $('k-turnover').textContent = whole(t.turnover);
  $('k-exposure').textContent = pct(t.exposureFraction, 0);
  $('k-ticks').textContent = whole(report.ticks);
  $('k-hash').textContent = String(report.fillsHash).substring(0, 12);
  $('k-hash').title = report.fillsHash;
  const body = $('bt-figures').tBodies[0];
  body.replaceChildren();
  for (const f of [t, ...report.strategies, ...report.symbols]) {
    const tr = document.createElement('tr');
    cell(tr, f.scope);
    cell(tr, money(f.finalEquity));
    cell(tr, money(f.netPnl), signedClass(f.netPnl));
    cell(tr, pct(f.totalReturn, 3), signedClass(f.totalReturn));
    cell(tr, pct(f.annualizedReturn));
    cell(tr, ratio(f.sharpe));
    cell(tr, ratio(f.sortino));
    cell(tr, money(f.maxDrawdown));
    cell(tr, duration(f.maxDrawdownMicros));
    cell(tr, whole(f.fills));
    cell(tr, pct(f.winRate, 0));
    cell(tr, ratio(f.profitFactor));
    cell(tr, money(f.fees));
    cell(tr, whole(f.turnover));
    cell(tr, pct(f.exposureFraction, 0));
    body.appendChild(tr);
  }
  await Promise.all([showEquity(run.runId), showFills(run.runId)]);
  const symbols = report.symbols.map((f) => String(f.scope).replace(/^symbol:/, ''));
  const select = $('bt-symbol');
  select.replaceChildren(...symbols.map((s) => { const o = document.createElement('option'); o.value = s; o.textContent = s; return o; }));
  const traded = state.fills.length ? state.fills[0].symbol : symbols[0];
  if (symbols.includes(traded)) select.value = traded;
  await showCandles();
}

function showSweep(run) {
  $('bt-ranking-panel').classList.remove('hidden');
  const body = $('bt-ranking').tBodies[0];
  body.replaceChildren();
  for (const r of run.report.runs) {
    const tr = document.createElement('tr');
    cell(tr, String(r.rank));
    cell(tr, r.parameters);
    const link = cell(tr, r.runId, 'link');
    link.addEventListener('click', () => openRun(r.runId));
    cell(tr, money(r.total.finalEquity));
    cell(tr, pct(r.total.totalReturn, 3), signedClass(r.total.totalReturn));
    cell(tr, ratio(r.total.sharpe));
    cell(tr, money(r.total.maxDrawdown));
    cell(tr, whole(r.total.fills));
    body.appendChild(tr);
  }
  if (run.report.runs.length) openRun(run.report.runs[0].runId, true);
}

async function showEquity(runId) {
  const curve = await fetch('api/backtests/' + encodeURIComponent(runId) + '/equity').then((r) => r.json());
  const equity = curve.points.map((p) => [p.tsMicros / 1000, num(p.equity)]);
  const drawdown = curve.points.map((p) => [p.tsMicros / 1000, -num(p.drawdown)]);
  equityChart.setOption({series: [{data: equity}]});
  drawdownChart.setOption({series: [{data: drawdown}]});
  window.__bt.equityPoints = equity.length;
}

async function showFills(runId) {
  const page = await fetch('api/backtests/' + encodeURIComponent(runId) + '/fills?limit=10000').then((r) => r.json());
  state.fills = page.items;
  state.fillsTotal = page.total;
  const shown = Math.min(500, page.items.length);
  $('bt-fills-count').textContent = shown < page.total ? 'first ' + shown + ' of ' + whole(page.total) : whole(page.total) + ' fills';
  const body = $('bt-fills').tBodies[0];
  body.replaceChildren();
  for (const f of page.items.slice(0, 500)) {
    const tr = document.createElement('tr');
    cell(tr, iso(f.tsMicros));
    cell(tr, f.strategy);
    cell(tr, f.symbol);
    cell(tr, f.side, f.side === 'BUY' ? 'BUY' : f.side === 'SELL' ? 'SELL' : '');
    cell(tr, f.quantity);
    cell(tr, money(f.price));
    cell(tr, money(f.fee));
    body.appendChild(tr);
  }
}

async function showCandles() {
  const report = state.report;
  const symbol = $('bt-symbol').value;
  if (!report || !symbol) return;
  const frame = $('bt-timeframe').value;
  const res = await fetch('api/bars?symbol=' + encodeURIComponent(symbol) + '&timeframe=' + encodeURIComponent(frame)
      + '&from=' + report.firstMicros + '&to=' + (report.lastMicros + 1));
  const bars = res.ok ? (await res.json()).items || [] : [];
  const markers = state.fills.length < state.fillsTotal ? ' · markers for the first ' + whole(state.fills.length) + ' of ' + whole(state.fillsTotal) + ' fills' : '';
  $('bt-candles-note').textContent = (res.ok ? bars.length + ' bars of stored ticks' : 'no stored bars for this range (' + res.status + ')') + markers;
  const candles = bars.map((b) => [b.startMicros / 1000, num(b.open), num(b.close), num(b.low), num(b.high)]);
  const marker = (side) => state.fills.filter((f) => f.symbol === symbol && f.side === side)
      .map((f) => [f.tsMicros / 1000, num(f.price), f.strategy + ' ' + f.side + ' ' + f.quantity + ' @ ' + f.price]);
  const buys = marker('BUY');
  const sells = marker('SELL');
  candleChart.setOption({series: [{data: candles}, {data: buys}, {data: sells}]});
  // with only the first fills fetched, open the chart on the span they cover (the slider shows the rest)
  const partial = state.fills.length && state.fills.length < state.fillsTotal;
  candleChart.dispatchAction(partial ? {type: 'dataZoom', startValue: report.firstMicros / 1000,
    endValue: state.fills[state.fills.length - 1].tsMicros / 1000} : {type: 'dataZoom', start: 0, end: 100});
  window.__bt.candles = candles.length;
  window.__bt.fillMarkers = buys.length + sells.length;
}

async function openRun(runId, keepRanking) {
  state.runId = runId;
  window.__bt.runId = runId;
  $('bt-run-id').textContent = runId;
  const res = await fetch('api/backtests/' + encodeURIComponent(runId));
  if (!res.ok) return;
  const run = await res.json();
  showProgress(run);
  if (run.status === 'DONE' && run.report && !run.report.runs) {
    if (!keepRanking) $('bt-ranking-panel').classList.add('hidden');
    await showResult(run);
  } else if (run.status === 'DONE' && run.report) {
    showSweep(run);
  }
}

async function loadRuns() {
  const res = await fetch('api/backtests?limit=50');
  if (!res.ok) return;
  const body = $('bt-runs').tBodies[0];
  body.replaceChildren();
  for (const r of (await res.json()).items) {
    const tr = document.createElement('tr');
    const link = cell(tr, r.runId, 'link');
    link.addEventListener('click', () => openRun(r.runId));
    cell(tr, r.status, STATUSES.includes(r.status) ? 'status-' + r.status : '');
    cell(tr, iso(r.createdMicros));
    cell(tr, whole(r.ticks));
    cell(tr, r.fills === undefined ? '' : whole(r.fills));
    cell(tr, r.finalEquity === undefined ? '' : money(r.finalEquity));
    cell(tr, r.totalReturn === undefined ? '' : pct(r.totalReturn, 3), signedClass(r.totalReturn));
    cell(tr, r.sharpe === undefined ? '' : ratio(r.sharpe));
    body.appendChild(tr);
  }
}

const axis = {type: 'time', axisLine: {lineStyle: {color: '#7d8590'}}, splitLine: {show: false}};
const value = {type: 'value', scale: true, axisLine: {lineStyle: {color: '#7d8590'}}, splitLine: {lineStyle: {color: '#242c36'}}};
const grid = {left: 70, right: 16, top: 12, bottom: 24};
const equityChart = echarts.init($('bt-equity'));
equityChart.setOption({animation: false, grid, tooltip: {trigger: 'axis', renderMode: 'richText'}, xAxis: axis, yAxis: value,
  series: [{type: 'line', name: 'equity', showSymbol: false, lineStyle: {color: '#58a6ff', width: 1.5}, data: []}]});
const drawdownChart = echarts.init($('bt-drawdown'));
drawdownChart.setOption({animation: false, grid, tooltip: {trigger: 'axis', renderMode: 'richText'}, xAxis: axis, yAxis: value,
  series: [{type: 'line', name: 'drawdown', showSymbol: false, lineStyle: {color: '#ef5350', width: 1},
    areaStyle: {color: 'rgba(239,83,80,0.25)'}, data: []}]});
const candleChart = echarts.init($('bt-candles'));
// tooltips are drawn on the canvas (richText): ECharts' HTML tooltips carry style attributes, which the CSP refuses,
// and the fill's text is then never markup
candleChart.setOption({animation: false, grid: {...grid, bottom: 44}, tooltip: {trigger: 'item', renderMode: 'richText',
  formatter: (p) => String(p.seriesType === 'scatter' ? p.data[2] : p.seriesName)},
  dataZoom: [{type: 'inside'}, {type: 'slider', height: 14, bottom: 4, borderColor: '#242c36', textStyle: {color: '#7d8590'}}],
  xAxis: axis, yAxis: value,
  series: [{type: 'candlestick', name: 'price', itemStyle: {color: '#26a69a', color0: '#ef5350', borderColor: '#26a69a', borderColor0: '#ef5350'}, data: []},
    {type: 'scatter', name: 'buys', symbol: 'triangle', symbolSize: 7, itemStyle: {color: '#3fb950', opacity: 0.8}, data: []},
    {type: 'scatter', name: 'sells', symbol: 'triangle', symbolRotate: 180, symbolSize: 7, itemStyle: {color: '#f778ba', opacity: 0.8}, data: []}]});
window.addEventListener('resize', () => [equityChart, drawdownChart, candleChart].forEach((c) => c.resize()));

$('bt-start').addEventListener('click', start);
$('bt-refresh').addEventListener('click', loadRuns);
$('bt-symbol').addEventListener('change', showCandles);
$('bt-timeframe').addEventListener('change', showCandles);
$('bt-strategies').value = '["momentum", "meanrev"]';
fetch('api/cluster').then((r) => (r.ok ? r.json() : null)).then((view) => {
  const names = view && view.strategies ? view.strategies.map((s) => s.name).filter((n) => typeof n === 'string') : [];
  if (names.length) $('bt-strategies').value = JSON.stringify(names);
}).catch(() => {});
connectBus();
loadRuns();
