// The migration console's page: renders each state the console sends (SSE "state", about once a second)
// and sends changes with the session cookie and the CSRF token. Text from the kit is set as text, never as HTML.
'use strict';

const HISTORY = 300;
const cards = new Map();
let changesAllowed = false;
let lastHeard = 0;

const $ = (id) => document.getElementById(id);
const fmt = (v, digits = 1) => (v === null || v === undefined || Number.isNaN(v)) ? '–' : Number(v).toFixed(digits);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };

function csrf() {
  const m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

async function send(method, url, body) {
  const response = await fetch(url, {
    method, credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    showProblem(json, response.status);
    return null;
  }
  hideProblem();
  return json;
}

function showProblem(problem, status) {
  const box = $('problem');
  const lines = [(problem && (problem.detail || problem.title)) || ('HTTP ' + status)];
  ((problem && problem.errors) || []).forEach((e) => lines.push(e.field + ': ' + e.reason));
  box.textContent = lines.join('\n');
  box.hidden = false;
}

function hideProblem() { $('problem').hidden = true; }

async function refreshSession() {
  const session = await (await fetch('/api/session', { credentials: 'same-origin' })).json();
  setChangesAllowed(session.changesAllowed);
}

function setChangesAllowed(allowed) {
  changesAllowed = allowed;
  $('session-state').textContent = allowed ? 'changes unlocked' : 'read-only';
  $('token').hidden = allowed;
  $('unlock').hidden = allowed;
  $('lock').hidden = !allowed;
  document.querySelectorAll('.route input, .route button, .verify button').forEach((c) => { c.disabled = !allowed; });
}

$('session').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = $('token').value;
  $('token').value = '';
  const answer = await send('POST', '/api/session', { token });
  if (answer) setChangesAllowed(answer.changesAllowed);
});
$('lock').addEventListener('click', async () => {
  const answer = await send('DELETE', '/api/session');
  if (answer) setChangesAllowed(false);
});
document.querySelectorAll('.verify button').forEach((button) => button.addEventListener('click',
  () => send('POST', '/api/verify/' + button.dataset.target)));

function renderParts(parts) {
  const box = $('parts');
  box.replaceChildren(...parts.flatMap((p, i) => {
    const tile = el('div', undefined, 'part ' + (p.status === 'UP' ? 'up' : 'down'));
    tile.dataset.part = p.name;
    tile.dataset.status = p.status;
    tile.append(el('div', p.name, 'name'), el('div', p.status + ' · ' + p.address, 'status'), el('div', p.role, 'detail'));
    if (p.detail) tile.append(el('div', p.detail, 'detail'));
    return i === 0 ? [tile] : [el('span', '→', 'arrow'), tile];
  }));
}

function chart(target, title, series) {
  const width = Math.max(160, target.clientWidth || 190);
  const opts = {
    title, width, height: 110, legend: { show: false },
    scales: { x: { time: true } },
    series: [{}].concat(series.map(([label, stroke, dash]) => ({ label, stroke, dash, width: 1.5, spanGaps: false, points: { show: false } }))),
    axes: [{ size: 30, font: '10px system-ui' }, { size: 40, font: '10px system-ui' }],
  };
  return new uPlot(opts, [[]].concat(series.map(() => [])), target);
}

function card(id) {
  if (cards.has(id)) return cards.get(id);
  const node = $('route-card').content.firstElementChild.cloneNode(true);
  node.dataset.route = id;
  $('routes').append(node);
  const q = (sel) => node.querySelector(sel);
  const c = {
    node, q, points: [[], [], [], [], []], rates: [[], [], []],
    latency: chart(q('.latency'), 'p50 / p99 ms', [['monolith p99', '#6e7781'], ['service p99', '#0969da'],
      ['monolith p50', '#6e7781', [4, 4]], ['service p50', '#0969da', [4, 4]]]),
    rate: chart(q('.rate'), 'req/s', [['monolith', '#6e7781'], ['service', '#0969da']]),
  };
  const percent = q('.percent');
  percent.addEventListener('input', () => { q('.percent-value').textContent = percent.value + '%'; });
  percent.addEventListener('change', () => change(id, { servicePercent: Number(percent.value) }));
  q('.sticky').addEventListener('change', () => change(id, { sticky: q('.sticky').checked }));
  q('.shadow-percent').addEventListener('change', () => change(id, { shadowPercent: Number(q('.shadow-percent').value) }));
  q('.ramp-start').addEventListener('click', () => { q('.ramp-form').hidden = !q('.ramp-form').hidden; });
  q('.ramp-abort').addEventListener('click', () => send('POST', '/api/ramps/' + id + '/abort'));
  q('.ramp-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const steps = q('.ramp-steps').value.split(',').map((s) => s.trim()).filter((s) => s).map((s) => Number.isNaN(Number(s)) ? s : Number(s));
    const plan = { route: id, steps, hold: q('.ramp-hold').value, loadPerSecond: Number(q('.ramp-load').value),
      minRequests: Number(q('.ramp-min').value) };
    if (await send('POST', '/api/ramps', plan)) q('.ramp-form').hidden = true;
  });
  cards.set(id, c);
  setChangesAllowed(changesAllowed);
  return c;
}

async function change(id, body) {
  const answer = await send('PUT', '/api/routes/' + id, body);
  if (!answer) {
    // The problem is shown; the next state puts the controls back to what the proxy has (a focused control is left alone).
    if (document.activeElement) document.activeElement.blur();
    return;
  }
  cards.get(id).q('.percent-value').textContent = answer.servicePercent + '%';
}

function addPoint(c, p) {
  const t = p.at / 1000;
  const latency = c.points;
  if (latency[0].length && latency[0][latency[0].length - 1] >= t) return;
  [t, p.monolithP99Ms, p.serviceP99Ms, p.monolithP50Ms, p.serviceP50Ms].forEach((v, i) => latency[i].push(v));
  [t, p.monolithPerSecond, p.servicePerSecond].forEach((v, i) => c.rates[i].push(v));
  [latency, c.rates].forEach((arrays) => arrays.forEach((a) => { if (a.length > HISTORY) a.shift(); }));
  c.latency.setData(latency);
  c.rate.setData(c.rates);
}

function renderRoute(view) {
  const r = view.route;
  const c = card(r.id);
  const q = c.q;
  q('.name').textContent = r.id;
  q('.target').textContent = '→ ' + r.target;
  q('.target').title = r.methods.join(',') + ' ' + r.paths.join(' ');
  const percent = q('.percent');
  if (document.activeElement !== percent) {
    percent.value = r.servicePercent;
    q('.percent-value').textContent = r.servicePercent + '%';
  }
  q('.sticky').checked = r.sticky;
  q('.shadow').hidden = !r.shadowable;
  if (document.activeElement !== q('.shadow-percent')) q('.shadow-percent').value = r.shadowPercent;
  const p = view.now;
  c.last = p;
  if (p) {
    const served = p.servicePercentServed;
    q('.monolith .served').textContent = served === null ? '–' : fmt(100 - served, 0) + '%';
    q('.service .served').textContent = served === null ? '–' : fmt(served, 0) + '%';
    [['.monolith', 'monolith'], ['.service', 'service']].forEach(([row, side]) => {
      q(row + ' .rps').textContent = fmt(p[side + 'PerSecond']);
      q(row + ' .p50').textContent = fmt(p[side + 'P50Ms']);
      q(row + ' .p99').textContent = fmt(p[side + 'P99Ms']);
      q(row + ' .errors').textContent = p[side + 'Errors10s'];
    });
    q('.fallbacks').textContent = 'fallbacks: ' + p.fallbacks + ' (' + p.fallbacks10s + ' in 10 s)';
    const compared = p.agreed + p.different;
    const diffs = view.diffs;
    q('.parity').textContent = !r.shadowable ? '' : diffs && diffs.compared
      ? 'shadow parity: ' + fmt(diffs.parityPercent, 2) + '% of ' + diffs.compared + ' compared'
      : 'shadow parity: ' + (compared ? fmt(100 * p.agreed / compared, 2) + '% of ' + compared : 'nothing compared');
    addPoint(c, p);
  }
  renderDiffs(q('.diffs'), view.diffs);
  renderRamp(c, view.ramp);
}

function renderDiffs(list, diffs) {
  const rows = (diffs && diffs.topPaths) || [];
  list.replaceChildren(...rows.slice(0, 5).map((row) => el('li', 'differs at ' + row.path + ' in ' + row.count + ' reads')));
}

function renderRamp(c, ramp) {
  const q = c.q;
  const active = ramp && ['running', 'paused', 'rolled-back, draining'].includes(ramp.state);
  q('.ramp-state').textContent = ramp ? 'ramp ' + ramp.state + ' · step ' + ramp.step + '/' + ramp.of + ' at ' + ramp.percent + '%' : '';
  q('.ramp-abort').hidden = !active;
  q('.ramp-start').hidden = active;
  q('.ramp-steps-list').replaceChildren(...(ramp ? ramp.plan.steps : []).map((percent, i) => {
    const step = (ramp.steps || [])[i];
    const verdict = step ? (step.verdict || (step.endedAt ? 'ended' : 'holding')) : 'waiting';
    return el('li', percent + '%: ' + verdict, verdict === 'passed' ? 'pass' : verdict === 'failed' ? 'fail' : 'pending');
  }));
  const steps = (ramp && ramp.steps) || [];
  const checks = steps.length ? (steps[steps.length - 1].checks || []) : [];
  q('.ramp-checks').replaceChildren(...checks.map((check) => {
    const tr = el('tr', undefined, check.verdict === 'pass' ? 'pass' : check.verdict === 'fail' ? 'fail' : 'pending');
    tr.append(el('td', check.check), el('td', check.value), el('td', check.threshold), el('td', check.verdict));
    return tr;
  }));
  if (ramp && ramp.rollback) q('.ramp-state').textContent += ' · rolled back on ' + ramp.rollback.check + ': ' + ramp.rollback.value;
}

function row(table, label, value) {
  const tr = el('tr');
  tr.append(el('th', label), el('td', value === null || value === undefined ? '–' : String(value)));
  table.append(tr);
}

function renderData(data) {
  const t = el('table');
  const b = data.bridge || {};
  if (b.unreadable) row(t, 'cdc-bridge', 'unreadable: ' + b.unreadable);
  else {
    row(t, 'cdc-bridge', b.state + (b.lastError ? ' · ' + b.lastError : ''));
    row(t, 'CDC events/s', fmt(data.eventsPerSecond));
    const lag = (b.lag && b.lag.commitToPublishMs) || {};
    row(t, 'commit → Kafka ms (p50 / p99, last minute)', fmt(lag.p50, 0) + ' / ' + fmt(lag.p99, 0));
  }
  const s = data.search || {};
  if (s.unreadable) row(t, 'search model', 'unreadable: ' + s.unreadable);
  else {
    row(t, 'search model', s.state + (s.lastError ? ' · ' + s.lastError : ''));
    row(t, 'search lag', (s.lag ? fmt(s.lag.seconds, 2) + ' s, ' + s.lag.records + ' changes behind' : '–') + ', dead letters ' + s.deadLettered);
  }
  const c = data.catalog || {};
  if (c.unreadable) row(t, 'catalog', 'unreadable: ' + c.unreadable);
  else {
    row(t, 'catalog writes', c.writesOpen ? 'open' : 'closed: ' + c.writesClosedBecause);
    [['forward sync (shop → catalog)', c.forwardSync], ['reverse sync (catalog → shop)', c.reverseSync]].forEach(([label, d]) => {
      if (d) row(t, label, (d.enabled ? d.state : 'off') + ', lag ' + fmt(d.lagSeconds, 2) + ' s, ' + d.lagRecords + ' behind, conflicts '
        + d.conflicts + (d.lastError ? ' · ' + d.lastError : ''));
    });
  }
  $('data').replaceChildren(t);
}

function renderVerify(verify) {
  const box = $('verify-results');
  box.replaceChildren(...verify.results.map((r) => {
    const d = el('details');
    d.dataset.target = r.target;
    d.dataset.state = r.state;
    d.append(el('summary', 'verify ' + r.target + ': ' + r.state + ' (' + (r.finishedAt || r.startedAt) + ')',
      r.state === 'clean' ? 'pass' : r.state === 'running' ? 'pending' : 'fail'), el('pre', r.output));
    return d;
  }));
  if (!verify.available) box.prepend(el('p', 'verify runs where the kit runs: kit verify search|catalog', 'note'));
}

function renderEvents(events) {
  $('events').replaceChildren(...events.map((e) => {
    const li = el('li', undefined, 'kind-' + e.kind);
    li.append(el('time', new Date(e.at).toLocaleTimeString()), document.createTextNode(e.text));
    return li;
  }));
}

function render(state) {
  lastHeard = Date.now();
  renderParts(state.parts);
  $('routes-problem').hidden = !state.routesProblem;
  $('routes-problem').textContent = state.routesProblem || '';
  state.routes.forEach(renderRoute);
  cards.forEach((c) => c.node.classList.toggle('stale', Boolean(state.routesProblem))); // figures kept from before, greyed
  state.routes.forEach((view) => $('routes').append(cards.get(view.route.id).node)); // the proxy's order
  renderData(state.data);
  renderVerify(state.verify);
  renderEvents(state.events);
  $('live').textContent = 'live · ' + new Date(state.at).toLocaleTimeString();
  $('live').classList.remove('stale');
  document.body.dataset.updated = state.at;
}

async function start() {
  await refreshSession();
  const history = await (await fetch('/api/history')).json();
  Object.entries(history).forEach(([id, points]) => { const c = card(id); points.forEach((p) => addPoint(c, p)); });
  const stream = new EventSource('/api/live');
  stream.addEventListener('state', (event) => render(JSON.parse(event.data)));
  stream.onerror = () => { $('live').textContent = 'reconnecting…'; $('live').classList.add('stale'); };
  setInterval(() => { if (Date.now() - lastHeard > 5000) $('live').classList.add('stale'); }, 1000);
}

window.addEventListener('load', start);
