// Nethergaze web view: renders the snapshots of /api/events. Every string that came from a log, a
// client or a registry is put into the page with textContent, never as markup.
'use strict';

const params = new URLSearchParams(location.search);
const token = params.get('token');
const state = { filter: params.get('filter') || '', suspicious: params.get('suspicious') === '1', selected: params.get('ip'), doc: null, source: null };
const $ = (id) => document.getElementById(id);

function api(path, extra) {
  const q = new URLSearchParams(extra || {});
  if (state.filter) q.set('filter', state.filter);
  if (state.suspicious) q.set('suspicious', '1');
  if (token) q.set('token', token);
  const s = q.toString();
  return path + (s ? '?' + s : '');
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function count(n) {
  if (n === null || n === undefined) return '·';
  if (n === 0) return '·';
  if (n >= 1e6) return (n / 1e6).toFixed(1) + 'M';
  if (n >= 1e4) return (n / 1e3).toFixed(0) + 'K';
  return String(n);
}

function bytes(n) {
  if (!n) return '·';
  const u = ['B', 'K', 'M', 'G', 'T'];
  let i = 0;
  while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + u[i];
}

const RANK = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
function worst(findings) {
  let w = null;
  for (const f of findings || []) if (!w || RANK[f.severity] > RANK[w.severity]) w = f;
  return w;
}
function sevClass(sev) { return RANK[sev] >= RANK.medium ? 'bad' : 'warn'; }

function lastRequest(ip) {
  const r = (ip.last_requests || [])[ip.last_requests.length - 1];
  if (r) return r.status + ' ' + r.method + ' ' + r.target;
  const a = ip.auth || {};
  if (a.failures || a.accepted) return 'ssh: ' + (a.failures || 0) + ' failed, ' + (a.accepted || 0) + ' accepted' + ((a.users || []).length ? '; users ' + a.users.join(', ') : '');
  return '';
}

function renderHeader(doc) {
  $('host').textContent = 'nethergaze ' + doc.host;
  $('time').textContent = doc.generated_at;
  const t = doc.totals;
  const bar = $('totals');
  bar.replaceChildren();
  const by = t.connections_by_state || {};
  bar.append(el('span', 'conns ' + t.connections + ' (EST ' + t.established + ', SYN_RECV ' + (by.SYN_RECV || 0) + ')'),
    el('span', 'IPs ' + t.ips_shown + '/' + t.ips),
    el('span', 'requests ' + t.requests + ' · ' + t.requests_per_min + '/min · ' + bytes(t.bytes) + ' sent'),
    el('span', 'ssh failures ' + t.auth_failures, t.auth_failures ? 'warn' : ''));
  const nics = (t.interfaces || []).filter((i) => i.interval_s);
  if (nics.length) {
    const sum = (k) => nics.reduce((a, i) => a + (i[k] || 0), 0);
    const trouble = sum('rx_drops_per_s') + sum('rx_errors_per_s') + sum('tx_drops_per_s') + sum('tx_errors_per_s');
    bar.append(el('span', 'net ↓' + bytes(Math.round(sum('rx_bytes_per_s'))) + '/s ↑' + bytes(Math.round(sum('tx_bytes_per_s'))) + '/s'));
    if (trouble > 0) bar.append(el('span', 'drops+errs ' + trouble.toFixed(1) + '/s', 'bad'));
  }
  const src = $('sources');
  src.replaceChildren();
  for (const s of doc.sources) {
    if (s.status === 'ok' || s.status === 'done' || s.status === 'disabled') continue;
    src.append(el('span', '● ' + s.name + ': ' + s.status + (s.detail ? ' (' + s.detail + ')' : ''), s.status === 'behind' ? 'warn' : 'bad'));
  }
  const hf = $('host-findings');
  hf.replaceChildren();
  for (const f of doc.findings || []) {
    hf.append(el('div', '● ' + f.severity.toUpperCase() + ' ' + f.rule + ' ' + f.subject + ': ' + f.reason, sevClass(f.severity)));
  }
  for (const p of doc.earlier_findings || []) {
    hf.append(el('div', '○ ' + p.severity.toUpperCase() + ' ' + p.rule + ' ' + p.subject + ' ended ' + p.ended + ': ' + p.reason, 'dim'));
  }
}

function renderTable(doc) {
  const body = document.querySelector('#ips tbody');
  const rows = [];
  for (const ip of doc.ips) {
    const tr = el('tr');
    tr.dataset.ip = ip.ip;
    if (ip.ip === state.selected) tr.className = 'selected';
    const w = worst(ip.findings);
    const ended = worst((ip.earlier_findings || []).map((p) => p.finding || p));
    tr.append(el('td', w ? '●' : ended ? '○' : '', w ? sevClass(w.severity) : 'warn'));
    tr.append(el('td', ip.ip, w || ended ? 'warn' : ''));
    tr.append(el('td', ip.geo ? ip.geo.country : '', 'dim'));
    tr.append(el('td', ip.geo && ip.geo.asn ? 'AS' + ip.geo.asn + ' ' + (ip.geo.as_org || '') : ip.whois ? ip.whois.org : '', 'dim'));
    const by = ip.connections.by_state || {};
    tr.append(el('td', count(ip.connections.total), 'n'));
    tr.append(el('td', count(by.SYN_RECV || 0), by.SYN_RECV ? 'n bad' : 'n'));
    tr.append(el('td', count(ip.requests), 'n'));
    tr.append(el('td', count(ip.requests_per_min), 'n'));
    tr.append(el('td', bytes(ip.bytes), 'n'));
    tr.append(el('td', count(ip.auth ? ip.auth.failures : 0), ip.auth && ip.auth.failures ? 'n warn' : 'n'));
    tr.append(el('td', w ? w.severity + ' ' + w.rule : ended ? 'ended ' + ended.rule : '', w ? sevClass(w.severity) : 'dim'));
    tr.append(el('td', lastRequest(ip)));
    rows.push(tr);
  }
  body.replaceChildren(...rows);
}

function section(parent, title) {
  parent.append(el('h3', title));
}

function renderDetail(doc) {
  const d = $('detail');
  const ip = state.selected && doc.ips.find((x) => x.ip === state.selected);
  if (!ip) { d.hidden = true; d.replaceChildren(); return; }
  d.hidden = false;
  d.replaceChildren();
  d.append(el('h2', ip.ip));
  const where = [];
  if (ip.geo) where.push([ip.geo.city, ip.geo.country_name || ip.geo.country].filter(Boolean).join(', '), ip.geo.asn ? 'AS' + ip.geo.asn + ' ' + (ip.geo.as_org || '') : '');
  if (ip.whois) where.push((ip.whois.network || '') + ' ' + (ip.whois.org || ''), ip.whois.abuse_email ? 'abuse: ' + ip.whois.abuse_email : '');
  for (const w of where.filter(Boolean)) d.append(el('div', w, 'dim'));
  d.append(el('div', 'first seen ' + ip.first_seen + ' · last seen ' + ip.last_seen, 'dim'));
  section(d, 'Why');
  if (!(ip.findings || []).length && !(ip.earlier_findings || []).length) d.append(el('div', 'nothing suspicious', 'ok'));
  for (const f of ip.findings || []) {
    d.append(el('div', '● ' + f.severity.toUpperCase() + ' ' + f.rule + '  ' + f.reason, sevClass(f.severity)));
    d.append(el('pre', (f.evidence || []).join('\n')));
  }
  for (const p of ip.earlier_findings || []) {
    const f = p.finding || p;
    d.append(el('div', '○ ' + f.severity.toUpperCase() + ' ' + f.rule + '  ended ' + p.ended + ': ' + f.reason, 'warn'));
    d.append(el('pre', (f.evidence || []).join('\n')));
  }
  section(d, 'Connections');
  const by = ip.connections.by_state || {};
  d.append(el('div', ip.connections.total + ' total' + Object.keys(by).map((k) => ' · ' + k + ' ' + by[k]).join('')));
  for (const s of ip.services || []) d.append(el('div', '→ :' + s.port + ' ' + (s.name || '') + ' ×' + s.count, 'dim'));
  if ((ip.last_requests || []).length) {
    section(d, 'Requests');
    d.append(el('div', ip.requests + ' total · ' + ip.requests_per_min + '/min · ' + bytes(ip.bytes) + ' sent', 'dim'));
    for (const r of [...ip.last_requests].reverse()) {
      d.append(el('div', r.time + ' ' + r.status + ' ' + (r.vhost ? r.vhost + ' ' : '') + r.method + ' ' + r.target + '  ' + (r.user_agent || '')));
    }
  }
  const a = ip.auth || {};
  if (a.failures || a.accepted || a.preauth_disconnects || a.handshake_failures) {
    section(d, 'SSH');
    d.append(el('div', (a.failures || 0) + ' failed (' + (a.invalid_users || 0) + ' as invalid users) · ' + (a.accepted || 0) + ' accepted · ' + (a.handshake_failures || 0) + ' failed handshakes'));
    if ((a.users || []).length) d.append(el('div', 'users ' + a.users.join(', '), 'dim'));
  }
}

function render(doc) {
  state.doc = doc;
  renderHeader(doc);
  renderTable(doc);
  renderDetail(doc);
  $('status').textContent = 'live';
  $('status').className = 'ok';
}

// When the snapshots stop coming (a stalled or frozen server) while the stream stays open, the page
// says so rather than show an old snapshot as the present: after 5 s, and after three of the gaps
// between the last two snapshots.
const beat = { at: 0, gap: 0 };
function arrived() {
  const now = Date.now();
  beat.gap = beat.at ? now - beat.at : 0;
  beat.at = now;
}
setInterval(() => {
  const since = Date.now() - beat.at;
  if (beat.at && since > Math.max(5000, 3 * beat.gap) && $('status').textContent !== 'reconnecting…') {
    $('status').textContent = 'no update for ' + Math.round(since / 1000) + ' s';
    $('status').className = 'bad';
  }
}, 1000);

async function connect() {
  if (state.source) { state.source.close(); state.source = null; }
  $('filter-error').textContent = '';
  // the filter is checked once by a plain request, so a bad one shows its error instead of a silent stream
  const check = await fetch(api('api/snapshot', { top: '1' }));
  if (check.status === 400) {
    $('filter-error').textContent = (await check.text()).trim();
    return;
  }
  const url = api('api/events', { top: '500' });
  const es = new EventSource(url);
  state.source = es;
  es.onmessage = (e) => { arrived(); render(JSON.parse(e.data)); };
  es.onerror = () => { $('status').textContent = 'reconnecting…'; $('status').className = 'bad'; };
  history.replaceState(null, '', '?' + new URLSearchParams(Object.fromEntries(Object.entries({
    filter: state.filter, suspicious: state.suspicious ? '1' : '', ip: state.selected || '', token: token || '' }).filter(([, v]) => v))).toString());
}

document.addEventListener('DOMContentLoaded', () => {
  $('filter').value = state.filter;
  $('suspicious').checked = state.suspicious;
  $('view').addEventListener('submit', (e) => { e.preventDefault(); state.filter = $('filter').value.trim(); connect(); });
  $('suspicious').addEventListener('change', () => { state.suspicious = $('suspicious').checked; connect(); });
  document.querySelector('#ips tbody').addEventListener('click', (e) => {
    const tr = e.target.closest('tr');
    if (!tr) return;
    state.selected = tr.dataset.ip === state.selected ? null : tr.dataset.ip;
    if (state.doc) { renderTable(state.doc); renderDetail(state.doc); }
  });
  connect();
});
