// The SidecarGuard operator console: reads the sidecar's own JSON API (same origin, no third-party code) and writes
// every value into the page as text, never as markup, so a comment or an id cannot inject anything.
'use strict';

const DAY = 86_400_000;
const CHART_LIMIT = 5000;
const $ = (id) => document.getElementById(id);
const state = { token: '', filters: null, selected: null };

function apiKey() { return sessionStorage.getItem('sidecarguard.key') || ''; }

async function api(path, options = {}) {
  const headers = { accept: 'application/json', ...(options.body ? { 'content-type': 'application/json' } : {}) };
  if (apiKey()) headers['x-api-key'] = apiKey();
  const response = await fetch(path, { ...options, headers, credentials: 'omit', cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) {
    $('key-section').hidden = false;
    throw new Error('This sidecar needs an API key.');
  }
  if (!response.ok) throw new Error(body.message || `HTTP ${response.status}`);
  return body;
}

function say(text) { $('status').textContent = text; }

function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

const svgNs = 'http://www.w3.org/2000/svg';
function svg(tag, attributes) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

function utcDay(date) { return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())); }
function isoDay(date) { return date.toISOString().slice(0, 10); }

/** The filters from the form, with a 14-day window ending today when no dates are given. */
function readFilters() {
  const today = utcDay(new Date());
  const to = $('to').value ? new Date(`${$('to').value}T00:00:00Z`) : today;
  const from = $('from').value ? new Date(`${$('from').value}T00:00:00Z`) : new Date(to.getTime() - 13 * DAY);
  return {
    from, to, reason: $('reason').value, category: $('category').value.trim(), feedback: $('feedback').value,
  };
}

function query(filters, pageSize, pageToken) {
  const params = new URLSearchParams({
    startTime: filters.from.toISOString(),
    endTime: new Date(filters.to.getTime() + DAY).toISOString(),
    pageSize: String(pageSize),
  });
  if (filters.reason) params.set('reason', filters.reason);
  if (filters.category) params.set('category', filters.category);
  if (filters.feedback) params.set('feedback', filters.feedback);
  if (pageToken) params.set('pageToken', pageToken);
  return `/v1/ends?${params}`;
}

/** Mirrors the filters in the address bar, so a view can be shared as a link. */
function writeAddress(filters) {
  const params = new URLSearchParams({ from: isoDay(filters.from), to: isoDay(filters.to) });
  for (const name of ['reason', 'category', 'feedback']) if (filters[name]) params.set(name, filters[name]);
  history.replaceState(null, '', `${location.pathname}?${params}`);
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  for (const name of ['from', 'to', 'reason', 'category', 'feedback']) {
    if (params.has(name)) $(name).value = params.get(name);
  }
}

const isWrong = (f) => f.verdict === 'FEEDBACK_VERDICT_END_WAS_WRONG' || f.verdict === 'FEEDBACK_VERDICT_SUPPORT_WAS_WRONG';
const words = (value, prefix) => (value || '').replace(prefix, '').toLowerCase().replaceAll('_', ' ');

function feedbackSummary(feedback) {
  if (!feedback || feedback.length === 0) return '—';
  return feedback.map((f) => words(f.verdict, 'FEEDBACK_VERDICT_')).join(', ');
}

function addRows(ends) {
  const body = $('ends').tBodies[0];
  for (const end of ends) {
    const record = end.record;
    const row = el('tr');
    if ((end.feedback || []).some(isWrong)) row.className = 'wrong';
    row.append(el('td', (record.endedAt || '').replace('T', ' ').replace(/\.\d+Z$/, 'Z')));
    const open = el('button', record.conversationId, { type: 'button', class: 'link' });
    open.addEventListener('click', () => showDetail(record.conversationId));
    const idCell = el('td');
    idCell.append(open);
    row.append(idCell, el('td', words(record.reason, 'END_REASON_')), el('td', record.category || '—'), el('td', record.turnIndex ?? 0),
      el('td', record.policyVersion), el('td', (record.evidenceHashes || []).length), el('td', feedbackSummary(end.feedback)));
    body.append(row);
  }
}

function drawChart(filters, ends) {
  const chart = $('chart');
  chart.replaceChildren();
  const days = Math.round((filters.to - filters.from) / DAY) + 1;
  const counts = new Array(days).fill(0);
  for (const end of ends) {
    const index = Math.floor((utcDay(new Date(end.record.endedAt)) - filters.from) / DAY);
    if (index >= 0 && index < days) counts[index] += 1;
  }
  const max = Math.max(1, ...counts);
  const width = 720 / days;
  counts.forEach((count, i) => {
    const height = (count / max) * 160;
    const day = isoDay(new Date(filters.from.getTime() + i * DAY));
    const bar = svg('rect', { x: i * width + 1, y: 170 - height, width: Math.max(1, width - 2), height, 'data-day': day, 'data-count': count });
    const title = svg('title', {});
    title.textContent = `${day}: ${count}`;
    bar.append(title);
    chart.append(bar);
  });
  const total = counts.reduce((a, b) => a + b, 0);
  $('chart-caption').textContent =
    `${total} end(s) from ${isoDay(filters.from)} to ${isoDay(filters.to)}; the highest day has ${Math.max(...counts)}.`;
}

function counts(map) {
  const entries = Object.entries(map || {}).filter(([, n]) => Number(n) > 0);
  if (entries.length === 0) return '0';
  return entries.sort((a, b) => Number(b[1]) - Number(a[1])).map(([name, n]) => `${words(name, '')} ${n}`).join(', ');
}

/** The range's totals from GetStats: what the list cannot show (refusals, vetoes, SUPPORT turns). */
async function summarise(filters) {
  const params = new URLSearchParams({
    startTime: filters.from.toISOString(),
    endTime: new Date(filters.to.getTime() + DAY).toISOString(),
    bucket: 'STATS_BUCKET_DAY',
  });
  const stats = await api(`/v1/stats?${params}`);
  const total = stats.total || {};
  const sum = (map) => Object.values(map || {}).reduce((a, n) => a + Number(n), 0);
  const facts = [
    ['Ends', `${sum(total.endsByReason)} (${counts(total.endsByReason)})`],
    ['Ends by category', counts(total.endsByCategory)],
    ['Refused ends', `${sum(total.refusedEnds)} (${counts(total.refusedEnds)})`],
    ['At-risk vetoes', String(Number((total.refusedEnds || {}).AT_RISK_VETO || 0))],
    ['SUPPORT turns (user may be at risk)', String(Number(total.supportTurns || 0))],
    ['Feedback', counts(total.feedback)],
  ];
  $('summary').replaceChildren(...facts.flatMap(([name, value]) => [el('dt', name), el('dd', value, { 'data-fact': name })]));
}

async function load() {
  const filters = readFilters();
  if (filters.to < filters.from) { say('"To" is before "From".'); return; }
  state.filters = filters;
  $('from').value = isoDay(filters.from);
  $('to').value = isoDay(filters.to);
  writeAddress(filters);
  say('Loading…');
  $('ends').tBodies[0].replaceChildren();
  try {
    const first = await api(query(filters, 50));
    addRows(first.ends || []);
    state.token = first.nextPageToken || '';
    $('more').hidden = !state.token;

    const all = [...(first.ends || [])];
    for (let token = first.nextPageToken; token && all.length < CHART_LIMIT;) {
      const page = await api(query(filters, 500, token));
      all.push(...(page.ends || []));
      token = page.nextPageToken;
    }
    drawChart(filters, all);
    await summarise(filters);
    say(`${all.length} end(s) match.`);
  } catch (error) {
    say(error.message);
  }
}

async function more() {
  try {
    const page = await api(query(state.filters, 50, state.token));
    addRows(page.ends || []);
    state.token = page.nextPageToken || '';
    $('more').hidden = !state.token;
  } catch (error) {
    say(error.message);
  }
}

async function showDetail(id) {
  try {
    const view = await api(`/v1/conversations/${encodeURIComponent(id)}`);
    const end = view.endRecord || {};
    state.selected = id;
    $('detail').hidden = false;
    $('detail-id').textContent = id;
    const facts = $('detail-facts');
    facts.replaceChildren();
    const fact = (name, value) => facts.append(el('dt', name), el('dd', value ?? '—'));
    fact('Status', words(view.state?.status, 'CONVERSATION_STATUS_'));
    fact('Turns', view.state?.turnCount ?? 0);
    fact('Ended', end.endedAt);
    fact('Reason', words(end.reason, 'END_REASON_'));
    fact('Category', end.category);
    fact('Turn that permitted it', end.turnIndex ?? 0);
    fact('Policy version', end.policyVersion);
    fact('Branched from', view.state?.branchedFrom || '—');
    $('detail-evidence').replaceChildren(...(end.evidenceHashes || []).map((h) => el('li', h)));
    const feedback = view.feedback || [];
    $('detail-feedback').replaceChildren(...(feedback.length ? feedback.map((f) => el('li',
      `${f.recordedAt} · ${words(f.source, 'FEEDBACK_SOURCE_')} · ${words(f.verdict, 'FEEDBACK_VERDICT_')}` +
      (f.comment ? ` · “${f.comment}”` : f.commentBytes ? ` · comment of ${f.commentBytes} bytes (text not stored)` : ''))) : [el('li', 'none yet')]));
    $('detail').scrollIntoView({ block: 'nearest' });
    $('verdict').focus();
  } catch (error) {
    say(error.message);
  }
}

async function submitFeedback(event) {
  event.preventDefault();
  if (!state.selected) return;
  try {
    await api(`/v1/conversations/${encodeURIComponent(state.selected)}/feedback`, {
      method: 'POST',
      body: JSON.stringify({
        source: 'FEEDBACK_SOURCE_OPERATOR', verdict: $('verdict').value, comment: $('comment').value,
        requestId: `console-${crypto.randomUUID()}`,
      }),
    });
    $('comment').value = '';
    say('Feedback recorded.');
    const id = state.selected;
    await load();
    await showDetail(id);
  } catch (error) {
    say(error.message);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  readAddress();
  $('filters').addEventListener('submit', (event) => { event.preventDefault(); load(); });
  $('more').addEventListener('click', more);
  $('feedback-form').addEventListener('submit', submitFeedback);
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('sidecarguard.key', $('api-key').value);
    $('api-key').value = '';
    $('key-section').hidden = true;
    load();
  });
  load();
});
