'use strict';
// The read-only panels: trading state, risk limits and denials, P&L by strategy and by day, logs, the latency
// histogram's figures, recovery and cluster.

/** The header pill (aria-live) and the risk panel: state, its cause and since when. */
function showState(s, cause, sinceMicros) {
  if (!s) return;
  const el = $('risk-state');
  if (el.textContent !== s) {
    el.textContent = s;
    el.className = stateClass(s);
  }
  state.tradingState = s;
  if (cause) $('risk-cause').textContent = cause;
  const panel = $('risk-panel-state');
  if (panel.textContent !== s) {
    panel.textContent = s;
    panel.className = stateClass(s);
  }
  if (cause) $('risk-panel-cause').textContent = cause;
  if (Number.isFinite(num(sinceMicros)) && num(sinceMicros) > 0) {
    $('risk-panel-since').textContent = 'since ' + new Date(num(sinceMicros) / 1000).toISOString()
      .replace('T', ' ').substring(0, 19) + ' UTC';
  }
}

const LIMIT_LABELS = {maxPositionQuantity: 'position', maxGrossExposure: 'gross exposure', dailyLossLimit: 'daily loss',
  maxDrawdown: 'drawdown', maxOrderNotional: 'largest order', throttlePerStrategy: 'orders/s',
  throttleGlobal: 'orders/s, all'};

/** A limit's figure: whole above a thousand, else at most two decimals (the exact value is in /api/risk/limits). */
const amount = (s) => decimal(s, Math.abs(num(s)) >= 1000 ? 0 : Math.min(2, digitsOf(s)));

/** GET /api/risk/limits and bus risk.limits: each limit's usage as a meter, the state, denials by reason code. */
function onRiskLimits(r) {
  if (!r || typeof r !== 'object') return;
  state.riskLimits = r;
  showState(r.state, r.cause ? text(r.cause) + (r.message ? ': ' + text(r.message) : '') : text(r.message),
    r.sinceMicros);
  const limits = Array.isArray(r.limits) ? r.limits : [];
  fillBody('risk-limits', limits.map((l) => {
    const ratio = Math.max(0, Math.min(1, num(l.ratio) || 0));
    const meter = document.createElement('meter');
    meter.min = 0;
    meter.max = 1;
    meter.low = 0.7;
    meter.high = 0.9;
    meter.optimum = 0;
    meter.value = ratio;
    meter.title = percent(l.ratio);
    const label = (LIMIT_LABELS[l.name] || text(l.name)) + (l.symbol ? ' · ' + text(l.symbol) : '')
      + (l.strategy ? ' · ' + text(l.strategy) : '');
    const tr = row([{text: label, title: text(l.name)}, {node: meter, cls: 'meter'}, amount(l.used), amount(l.limit)]);
    tr.cells[1].appendChild(document.createTextNode(' ' + percent(l.ratio)));
    return tr;
  }));
  const denials = r.denials && typeof r.denials === 'object' ? r.denials : {};
  const minute = denials.lastMinute && typeof denials.lastMinute === 'object' ? denials.lastMinute : {};
  const total = denials.sinceStart && typeof denials.sinceStart === 'object' ? denials.sinceStart : {};
  const codes = [...new Set([...Object.keys(total), ...Object.keys(minute)])]
    .sort((a, b) => (num(total[b]) || 0) - (num(total[a]) || 0) || a.localeCompare(b));
  fillBody('risk-denials', codes.length ? codes.map((c) => row([c, text(minute[c] || 0), text(total[c] || 0)]))
    : [row([{text: 'no order denied since start', cls: 'muted'}, '', ''])]);
}

/** GET /api/pnl/strategies and bus portfolio.strategies: one row per strategy and the total. */
function onStrategies(p) {
  if (!p || !Array.isArray(p.strategies)) return;
  const cells = (s) => [s.strategy, {text: money(s.realizedPnl), cls: sign(s.realizedPnl)},
    {text: money(s.unrealizedPnl), cls: sign(s.unrealizedPnl)}, money(s.fees),
    {text: money(s.netPnl), cls: sign(s.netPnl)}, text(s.trades), percent(s.winRate)];
  fillBody('strategy-pnl', p.strategies.map((s) => row(cells(s))));
  const foot = $('strategy-pnl').tFoot;
  foot.replaceChildren(...(p.total ? [row(cells({...p.total, strategy: 'total'}))] : []));
}

/** Log levels as the runtime names them, most severe first; a level shows itself and everything above it. */
const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG'];
const LEVEL_ALIASES = {SEVERE: 'ERROR', WARNING: 'WARN', FINE: 'DEBUG', FINER: 'DEBUG', FINEST: 'DEBUG',
  CONFIG: 'INFO'};
const levelOf = (l) => LEVEL_ALIASES[text(l).toUpperCase()] || text(l).toUpperCase();
const MAX_LOGS = 500;

function fillLevels() {
  const select = $('log-level');
  LEVELS.forEach((l) => {
    const o = document.createElement('option');
    o.value = l;
    o.textContent = l === 'DEBUG' ? 'all (DEBUG and above)' : l + ' and above';
    select.appendChild(o);
  });
  select.value = 'WARN';
}

const shownLevel = (level) => {
  const chosen = $('log-level').value;
  const rank = LEVELS.indexOf(levelOf(level));
  return !chosen || (rank >= 0 && rank <= LEVELS.indexOf(chosen));
};

function logRow(item) {
  const level = levelOf(item.level);
  return row([{text: time(item.tsMicros), title: new Date(num(item.tsMicros) / 1000).toISOString()},
    {text: item.level, cls: LEVELS.includes(level) ? 'level-' + level : ''}, {text: item.logger, title: item.logger},
    {text: item.message, title: item.message, cls: 'message'}]);
}

function showLogCount() {
  $('log-count').textContent = `${$('logs').tBodies[0].rows.length} shown (at most ${MAX_LOGS})`;
}

/** Newest first; the REST answer replaces the view, the tail prepends what passes the filter. */
async function loadLogs() {
  const level = $('log-level').value;
  const body = await fetch('api/logs?limit=200' + (level ? '&level=' + encodeURIComponent(level) : ''))
    .then((r) => (r.ok ? r.json() : null)).catch(() => null);
  const items = body && Array.isArray(body.items) ? body.items : [];
  items.sort((a, b) => num(b.tsMicros) - num(a.tsMicros));
  fillBody('logs', items.filter((i) => shownLevel(i.level)).slice(0, MAX_LOGS).map(logRow));
  showLogCount();
}

function onLogTail(batch) {
  if (!$('log-follow').checked || !batch || !Array.isArray(batch.items)) return;
  const tbody = $('logs').tBodies[0];
  batch.items.filter((i) => shownLevel(i.level)).sort((a, b) => num(a.tsMicros) - num(b.tsMicros))
    .forEach((i) => tbody.insertBefore(logRow(i), tbody.firstChild));
  while (tbody.rows.length > MAX_LOGS) tbody.lastChild.remove();
  showLogCount();
}

function onLatencyHistogram(l) {
  if (!l || typeof l !== 'object') return;
  const figures = (name, h) => (h ? `${name} p50 ${micros(h.p50)} · p99 ${micros(h.p99)} · p99.9 ${micros(h.p999)}`
    + ` · max ${micros(h.max)} (${num(h.count).toLocaleString('en-US')})` : '');
  $('histogram-figures').textContent = [figures('in-runtime', l.inRuntime), figures('feed-to-fill', l.feedToFill)]
    .filter(Boolean).join('  |  ');
  renderHistogram(l);
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
  $('recovery-state').className = stateClass(r.state);
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
function showCluster(view, reason) {
  state.cluster = view;
  const panel = $('cluster');
  if (!view) {
    $('cluster-mode').textContent = 'no view';
    $('cluster-mode').className = 'pill down';
    $('cluster-missing').textContent = '';
    $('cluster-message').textContent = reason;
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
