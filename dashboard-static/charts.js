'use strict';
// The dashboard's charts (ECharts on canvas): candles with fills as markers, equity, latency lines and histogram,
// system, daily P&L. Only numbers and labels reach them; tooltips are drawn as rich text, not HTML.

const COLORS = {text: '#d0d7de', muted: '#8b949e', line: '#3b4450', grid: '#1f2630', up: '#26a69a', down: '#ef5350',
  accent: '#58a6ff', violet: '#a371f7', warn: '#e3b341'};
const dark = {backgroundColor: 'transparent', textStyle: {color: COLORS.text, fontFamily: 'ui-monospace, monospace'}};
// HTML tooltips are markup with style attributes, which style-src 'self' refuses; richText draws them on the canvas
const tooltip = (trigger, extra = {}) => ({trigger, renderMode: 'richText', backgroundColor: '#151b23',
  borderColor: COLORS.line, textStyle: {color: COLORS.text}, ...extra});
// labels that would overlap are dropped rather than drawn over each other
const axisLabel = (extra = {}) => ({color: COLORS.muted, hideOverlap: true, ...extra});
const axis = {axisLine: {lineStyle: {color: COLORS.line}}, splitLine: {lineStyle: {color: COLORS.grid}}};
const TIME_LABELS = {hour: '{HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}', millisecond: '{HH}:{mm}:{ss}'};
const compact = (v) => (Math.abs(v) >= 1e6 ? (v / 1e6).toFixed(2) + 'M' : Math.abs(v) >= 1e4 ? (v / 1e3).toFixed(1)
  + 'k' : String(Math.round(v * 100) / 100));

const charts = {
  candles: echarts.init($('candles')),
  equity: echarts.init($('equity')),
  latency: echarts.init($('latency')),
  histogram: echarts.init($('histogram')),
  system: echarts.init($('system')),
  daily: echarts.init($('daily')),
};
window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));

charts.candles.setOption({...dark, animation: false, grid: {left: 64, right: 56, top: 24, bottom: 52},
  legend: {top: 0, left: 64, textStyle: {color: COLORS.muted}, data: ['buy fill', 'sell fill']},
  xAxis: [{type: 'category', ...axis, axisLabel: axisLabel(), data: []}],
  yAxis: [{scale: true, ...axis, axisLabel: axisLabel()},
    // volume keeps to the lowest quarter, under the candles
    {scale: true, ...axis, position: 'right', splitLine: {show: false}, max: (v) => v.max * 4,
      axisLabel: axisLabel({formatter: compact})}],
  dataZoom: [{type: 'inside', start: 50, end: 100}, {type: 'slider', height: 16, bottom: 8,
    textStyle: {color: COLORS.muted}}],
  tooltip: tooltip('axis', {axisPointer: {type: 'cross'}}),
  series: [{type: 'candlestick', name: 'price', itemStyle: {color: COLORS.up, color0: COLORS.down,
    borderColor: COLORS.up, borderColor0: COLORS.down}, data: []},
  {type: 'bar', name: 'volume', yAxisIndex: 1, itemStyle: {color: 'rgba(88,166,255,.25)'}, data: []},
  {type: 'scatter', name: 'buy fill', symbol: 'triangle', symbolSize: 11, z: 5,
    itemStyle: {color: COLORS.accent, borderColor: '#0d1117'}, data: []},
  {type: 'scatter', name: 'sell fill', symbol: 'triangle', symbolRotate: 180, symbolSize: 11, z: 5,
    itemStyle: {color: COLORS.warn, borderColor: '#0d1117'}, data: []}]});

const grouped = (v) => v.toLocaleString('en-US', {maximumFractionDigits: Math.abs(v) >= 1000 ? 0 : 2});
const duration = (v) => (v >= 1e6 ? (v / 1e6).toFixed(1) + ' s' : v >= 1000 ? (v / 1000).toFixed(v >= 1e4 ? 0 : 1)
  + ' ms' : v + ' µs');

function lineChart(chart, names, colors, {rightAxisFrom, format = compact} = {}) {
  const right = rightAxisFrom !== undefined;
  // a legend of more than three entries takes two lines at this width
  chart.setOption({...dark, animation: false, grid: {left: 72, right: right ? 56 : 16, top: names.length > 3 ? 44 : 28,
    bottom: 24},
    legend: {top: 0, textStyle: {color: COLORS.muted}, data: names}, tooltip: tooltip('axis'),
    xAxis: {type: 'time', ...axis, splitNumber: 4, axisLabel: axisLabel({formatter: TIME_LABELS})},
    yAxis: (right ? [0, 1] : [0]).map((i) => ({type: 'value', scale: true, ...axis, position: i ? 'right' : 'left',
      splitLine: {show: !i, lineStyle: {color: COLORS.grid}},
      axisLabel: axisLabel({formatter: i ? compact : format})})),
    series: names.map((name, i) => ({type: 'line', name, showSymbol: false, sampling: 'lttb',
      yAxisIndex: right && i >= rightAxisFrom ? 1 : 0, lineStyle: {width: 1.5, color: colors[i]},
      itemStyle: {color: colors[i]}, data: []}))});
}
lineChart(charts.equity, ['equity', 'realized', 'unrealized'], [COLORS.accent, COLORS.up, COLORS.warn],
  {rightAxisFrom: 1, format: grouped});
lineChart(charts.latency, ['in-runtime p50', 'in-runtime p99', 'feed-to-fill p50', 'feed-to-fill p99'],
  [COLORS.accent, COLORS.violet, COLORS.up, COLORS.down], {format: duration});
lineChart(charts.system, ['ticks/s', 'heap MB'], [COLORS.accent, COLORS.violet], {rightAxisFrom: 1});

charts.histogram.setOption({...dark, animation: false, grid: {left: 56, right: 16, top: 28, bottom: 40},
  legend: {top: 0, textStyle: {color: COLORS.muted}, data: ['in-runtime', 'feed-to-fill']},
  tooltip: tooltip('axis'),
  xAxis: {type: 'category', ...axis, name: 'tick-to-trade up to', nameLocation: 'middle', nameGap: 26,
    nameTextStyle: {color: COLORS.muted}, axisLabel: axisLabel({formatter: (v) => duration(Number(v))}), data: []},
  yAxis: {type: 'value', ...axis, name: 'orders', nameTextStyle: {color: COLORS.muted},
    axisLabel: axisLabel({formatter: compact})},
  series: [{type: 'bar', name: 'in-runtime', itemStyle: {color: COLORS.accent}, data: []},
    {type: 'bar', name: 'feed-to-fill', itemStyle: {color: COLORS.up}, data: []}]});

charts.daily.setOption({...dark, animation: false, grid: {left: 64, right: 16, top: 12, bottom: 24},
  tooltip: tooltip('axis'), xAxis: {type: 'category', ...axis, axisLabel: axisLabel(), data: []},
  yAxis: {type: 'value', ...axis, axisLabel: axisLabel({formatter: compact})},
  series: [{type: 'bar', name: 'net P&L', data: []}]});

const TIMEFRAME_UNITS = {s: 1e6, m: 60e6, h: 3600e6, d: 86400e6};
/** "5m" → 300 000 000 µs; the timeframes come from the config (GET /api/bars/timeframes). */
const spanMicros = (timeframe) => {
  const m = /^(\d+)([smhd])$/.exec(text(timeframe));
  return m ? Number(m[1]) * TIMEFRAME_UNITS[m[2]] : 1e6;
};
const barLabel = (startMicros, timeframe) => {
  const iso = new Date(startMicros / 1000).toISOString();
  const span = spanMicros(timeframe);
  return span >= 86400e6 ? iso.substring(0, 10) : span >= 60e6 ? iso.substring(11, 16) : iso.substring(11, 19);
};

/** Completed bars plus a provisional candle from the current quote; the selected symbol's fills as markers. */
function renderCandles(bars, quote, fills, timeframe) {
  const span = spanMicros(timeframe);
  const rows = bars.map((b) => [b.startMicros, num(b.open), num(b.close), num(b.low), num(b.high), num(b.volume)]);
  if (quote) {
    const start = Math.floor(quote.tsMicros / span) * span;
    const last = rows[rows.length - 1];
    const px = num(quote.last);
    const open = last ? last[2] : px;
    if (!last || start > last[0]) rows.push([start, open, px, Math.min(px, open), Math.max(px, open), 0]);
  }
  const index = new Map(rows.map((r, i) => [r[0], i]));
  const markers = (side) => fills.filter((f) => f.side === side).map((f) => [
    index.get(Math.floor(f.tsMicros / span) * span), num(f.price)]).filter((p) => p[0] !== undefined);
  charts.candles.setOption({xAxis: [{data: rows.map((r) => barLabel(r[0], timeframe))}],
    series: [{data: rows.map((r) => [r[1], r[2], r[3], r[4]])}, {data: rows.map((r) => r[5])},
      {data: markers('BUY')}, {data: markers('SELL')}]});
}

function renderLines(equity, latency, system) {
  const col = (rows, i) => rows.map((r) => [r[0], r[i]]);
  charts.equity.setOption({series: [1, 2, 3].map((i) => ({data: col(equity, i)}))});
  charts.latency.setOption({series: [1, 2, 3, 4].map((i) => ({data: col(latency, i)}))});
  charts.system.setOption({series: [{data: col(system, 1)}, {data: col(system, 2)}]});
}

/** GET /api/metrics/latency: both recorders' buckets side by side on the bucket bounds of either. */
function renderHistogram(latency) {
  const bounds = [...new Set(['inRuntime', 'feedToFill'].flatMap((k) => (latency[k] && Array.isArray(latency[k]
    .buckets) ? latency[k].buckets : []).map((b) => num(b.upToMicros))))].filter(Number.isFinite).sort((a, b) => a - b);
  const counts = (k) => {
    const byBound = new Map((latency[k] && Array.isArray(latency[k].buckets) ? latency[k].buckets : [])
      .map((b) => [num(b.upToMicros), num(b.count)]));
    return bounds.map((u) => byBound.get(u) || 0);
  };
  charts.histogram.setOption({xAxis: {data: bounds},
    series: [{data: counts('inRuntime')}, {data: counts('feedToFill')}]});
}

function renderDaily(days) {
  charts.daily.setOption({xAxis: {data: days.map((d) => text(d.date).substring(5))},
    series: [{data: days.map((d) => ({value: num(d.netPnl), itemStyle: {color: num(d.netPnl) < 0 ? COLORS.down
      : COLORS.up}}))}]});
}
