// Nethergaze web view: renders the snapshots of /api/events. Every string that came from a log, a
// client or a registry is put into the page with textContent, never as markup.
'use strict';

const params = new URLSearchParams(location.search);
const token = params.get('token');
const state = { filter: params.get('filter') || '', suspicious: params.get('suspicious') === '1', group: params.get('group') === '1', selected: params.get('ip'), doc: null, source: null, retry: 0 };
const $ = (id) => document.getElementById(id);

function api(path, extra) {
  const q = new URLSearchParams(extra || {});
  if (state.filter) q.set('filter', state.filter);
  if (state.suspicious) q.set('suspicious', '1');
  if (token) q.set('token', token);
  const s = q.toString();
  return path + (s ? '?' + s : '');
}

// Control and invisible formatting characters shown escaped, as the text report and the console
// show them: a right-to-left override in a path ("/admin\u202etxt.exe", drawn "/adminexe.txt"), a
// zero-width space, a line separator. What is shown is what was sent; the JSON keeps it as sent.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

function visible(text) {
  return String(text).replace(HIDDEN, (c) => {
    const cp = c.codePointAt(0);
    const hex = cp.toString(16);
    return cp < 0x100 ? '\\x' + hex.padStart(2, '0') : cp < 0x10000 ? '\\u' + hex.padStart(4, '0') : '\\u{' + hex + '}';
  });
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = visible(text);
  if (cls) e.className = cls;
  return e;
}

// Lines, one under another, each shown as el shows text (its own breaks escaped, not these)
function lines(list) {
  const pre = document.createElement('pre');
  pre.textContent = (list || []).map(visible).join('\n');
  return pre;
}

// A table cell that may be cut short (CSS ellipsis): its full text stays in its title
function longTd(text, cls) {
  const td = el('td', text, cls);
  td.title = td.textContent;
  return td;
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

// Capture figures: a rate is null while the capture counts nothing (ended, paused, interface down)
function rate(v) {
  if (v === null || v === undefined) return '—';
  if (v === 0) return '·';
  return v < 10 ? v.toFixed(1) : count(Math.round(v));
}
function ms(v) {
  return v === null || v === undefined ? '·' : (v < 10 ? v.toFixed(2) : v.toFixed(1)) + ' ms';
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
  if (r) return (r.status == null ? '-' : r.status) + ' ' + r.method + ' ' + r.target;
  const a = ip.auth || {};
  if (a.failures || a.accepted) return 'ssh: ' + (a.failures || 0) + ' failed, ' + (a.accepted || 0) + ' accepted' + ((a.users || []).length ? '; users ' + a.users.join(', ') : '');
  return '';
}

// Grouping by prefix, as the console's P: each IPv4 /24 and IPv6 /64 with two or more IPs becomes one
// row, its members' figures added up and all their findings (each rule and subject once). The prefix
// is written as the server writes addresses (RFC 5952), so it matches the findings' subjects.
function v6Text(groups) {
  let best = -1, len = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > len && j - i >= 2) { best = i; len = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + len).join(':');
}
function prefixOf(ip) {
  if (ip.indexOf(':') < 0) {
    const o = ip.split('.');
    return o[0] + '.' + o[1] + '.' + o[2] + '.0/24';
  }
  const parts = ip.split('::');
  const head = parts[0] ? parts[0].split(':') : [];
  const tail = parts.length > 1 && parts[1] ? parts[1].split(':') : [];
  const all = parts.length > 1 ? [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail] : head;
  const groups = all.slice(0, 4).map((g) => parseInt(g, 16)).concat([0, 0, 0, 0]);
  return v6Text(groups) + '/64';
}
// The firewall drops every packet of it (a rule with no other condition), not only some
function whollyBlocked(ip) {
  return ip.members ? ip.wholly_blocked : (ip.blocked || []).some((b) => !b.only);
}
function blockText(b) {
  return b.by + ': ' + (b.only ? b.only + ' only' : 'every packet') + ' · ' + b.matched + (b.expires ? ' · until ' + b.expires : '');
}
function once(list, key) {
  const seen = new Set();
  return list.filter((x) => { const k = key(x); if (seen.has(k)) return false; seen.add(k); return true; });
}
function groupOf(prefix, members) {
  const sum = (f) => members.reduce((a, m) => a + (f(m) || 0), 0);
  const byState = {};
  for (const m of members) for (const [k, v] of Object.entries(m.connections.by_state || {})) byState[k] = (byState[k] || 0) + v;
  const findings = once(members.flatMap((m) => m.findings || []), (f) => f.rule + ' ' + f.subject);
  findings.sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  const earlier = once(members.flatMap((m) => m.earlier_findings || []), (p) => (p.finding || p).rule + ' ' + (p.finding || p).subject);
  const longest = Math.max(...members.map((m) => (m.last_requests || []).length));
  const recent = members.flatMap((m) => m.last_requests || []).sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return {
    ip: prefix, members, geo: members[0].geo, whois: members[0].whois,
    first_seen: members.map((m) => m.first_seen).sort()[0],
    last_seen: members.map((m) => m.last_seen).sort().pop(),
    connections: { total: sum((m) => m.connections.total), by_state: byState },
    services: [], requests: sum((m) => m.requests), requests_per_min: sum((m) => m.requests_per_min),
    bytes: sum((m) => m.bytes), last_requests: recent.slice(Math.max(0, recent.length - longest)),
    auth: { failures: sum((m) => m.auth && m.auth.failures), accepted: sum((m) => m.auth && m.auth.accepted),
      invalid_users: sum((m) => m.auth && m.auth.invalid_users), handshake_failures: sum((m) => m.auth && m.auth.handshake_failures),
      preauth_disconnects: sum((m) => m.auth && m.auth.preauth_disconnects),
      users: once(members.flatMap((m) => (m.auth && m.auth.users) || []), (u) => u).slice(0, 10) },
    findings, earlier_findings: earlier,
    blocked: once(members.flatMap((m) => m.blocked || []), (b) => b.rule + ' ' + b.matched),
    wholly_blocked: members.every(whollyBlocked),
    wire: wireOf(members.map((m) => m.wire).filter(Boolean)),
  };
}
// A group's capture figures: its members' counts and rates added up (a rate unknown if one is); a
// median does not add up, so the group has none (its members' are in the detail's list)
function wireOf(wires) {
  if (!wires.length) return null;
  const out = { handshake_rtt_ms_p50: null, mac: '' };
  for (const k of ['packets', 'bytes', 'rx_packets', 'syn', 'synack', 'rst', 'handshakes', 'syn_unanswered', 'syn_refused', 'half_open', 'synack_reset', 'retrans', 'sack_blocks', 'zero_window', 'ports_touched']) {
    out[k] = wires.reduce((a, w) => a + (w[k] || 0), 0);
  }
  for (const k of ['pps', 'pps_10s', 'pps_60s']) {
    out[k] = wires.some((w) => w[k] === null) ? null : wires.reduce((a, w) => a + w[k], 0);
  }
  out.peak_pps = Math.max(...wires.map((w) => w.peak_pps || 0));
  return out;
}
// The rows in the server's order (the first member's place for a group)
function rowsOf(doc) {
  if (!state.group) return doc.ips;
  const by = new Map();
  for (const ip of doc.ips) {
    const p = prefixOf(ip.ip);
    if (!by.has(p)) by.set(p, []);
    by.get(p).push(ip);
  }
  return [...by.entries()].map(([p, m]) => (m.length === 1 ? m[0] : groupOf(p, m)));
}

function renderHeader(doc) {
  $('host').textContent = 'nethergaze ' + doc.host;
  document.title = visible(doc.host) + ' · nethergaze'; // a tab per host: each says which
  $('time').textContent = String(doc.generated_at).replace(/\.\d+Z$/, 'Z'); // to the second, as the rows
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
    hf.append(el('div', (p.held ? '◐ ' : '○ ') + p.severity.toUpperCase() + ' ' + p.rule + ' ' + p.subject + (p.held ? ' below threshold since ' : ' ended ') + p.ended + ': ' + p.reason, 'dim'));
  }
}

function renderTable(doc) {
  const body = document.querySelector('#ips tbody');
  // the capture's columns only while some IP has capture figures: without a capture the table is as it was
  document.getElementById('ips').classList.toggle('wired', doc.ips.some((i) => i.wire));
  const rows = [];
  for (const ip of rowsOf(doc)) {
    const tr = el('tr');
    tr.dataset.ip = ip.ip;
    if (ip.ip === state.selected) tr.className = 'selected';
    // a finding held over a short stop (its episode goes on should it fire again) still flags the row
    const w = worst((ip.findings || []).concat((ip.earlier_findings || []).filter((p) => p.held).map((p) => p.finding || p)));
    const ended = worst((ip.earlier_findings || []).filter((p) => !p.held).map((p) => p.finding || p));
    const blocked = (ip.blocked || []).length > 0;
    const mark = blocked ? (whollyBlocked(ip) ? '⊘' : '⊖') : w ? '●' : ended ? '○' : '';
    const markTd = el('td', mark, w ? sevClass(w.severity) : blocked ? 'info' : 'warn');
    if (blocked) markTd.title = visible('blocked: ' + ip.blocked.map(blockText).join('; '));
    tr.append(markTd);
    tr.append(longTd(ip.members ? ip.ip + ' ×' + ip.members.length : ip.ip, w || ended ? 'warn' : ''));
    tr.append(el('td', ip.geo ? ip.geo.country : '', 'dim'));
    tr.append(longTd(ip.geo && ip.geo.asn ? 'AS' + ip.geo.asn + ' ' + (ip.geo.as_org || '') : ip.whois ? ip.whois.org : '', 'dim'));
    const by = ip.connections.by_state || {};
    tr.append(el('td', count(ip.connections.total), 'n'));
    tr.append(el('td', count(by.SYN_RECV || 0), by.SYN_RECV ? 'n bad' : 'n'));
    tr.append(el('td', count(ip.requests), 'n'));
    tr.append(el('td', count(ip.requests_per_min), 'n'));
    tr.append(el('td', bytes(ip.bytes), 'n'));
    tr.append(el('td', count(ip.auth ? ip.auth.failures : 0), ip.auth && ip.auth.failures ? 'n warn' : 'n'));
    tr.append(el('td', ip.wire ? rate(ip.wire.pps) : '', 'n wire' + (ip.wire && ip.wire.pps ? '' : ' dim')));
    tr.append(el('td', ip.wire ? ms(ip.wire.handshake_rtt_ms_p50) : '', 'n wire'));
    tr.append(longTd(w ? w.severity + ' ' + w.rule : ended ? 'ended ' + ended.rule : '', w ? sevClass(w.severity) : 'dim'));
    tr.append(longTd(lastRequest(ip)));
    rows.push(tr);
  }
  body.replaceChildren(...rows);
}

function section(parent, title) {
  parent.append(el('h3', title));
}

// An address the URL names (?ip=, a link from an alert) that is not among the stream's rows (the
// 500 most active, or those the filter and switch leave) is asked for on its own, at most once per
// document, so its detail shows all the same. row: its entry, null when the snapshot has none,
// undefined while asked.
const lone = { ip: null, doc: null, row: undefined, note: '' };
function loneRow(doc) {
  const sel = state.selected;
  if (lone.ip !== sel) Object.assign(lone, { ip: sel, doc: null, row: undefined, note: '' });
  if (lone.doc !== doc) {
    lone.doc = doc;
    const q = new URLSearchParams({ filter: 'cidr:' + sel });
    if (token) q.set('token', token);
    fetch('api/snapshot?' + q).then(async (r) => {
      const answer = r.ok ? await r.json() : null;
      if (lone.ip !== sel) return;
      lone.row = answer ? answer.ips.find((x) => x.ip === sel) || null : null;
      lone.note = answer ? '' : (await r.text()).trim();
      if (state.doc && state.selected === sel) renderDetail(state.doc);
    }).catch(() => {});
  }
  return lone.row;
}

function renderDetail(doc) {
  const d = $('detail');
  let ip = state.selected && rowsOf(doc).find((x) => x.ip === state.selected);
  const beyond = !ip && state.selected && !state.selected.includes('/');
  if (beyond) ip = loneRow(doc);
  if (!ip) {
    d.hidden = !beyond;
    d.replaceChildren();
    if (beyond) {
      d.append(el('h2', state.selected));
      d.append(el('div', ip === undefined ? 'looking it up…' : lone.note || 'not in the snapshot: no connection, request or login of it is tracked now', 'dim'));
    }
    return;
  }
  d.hidden = false;
  d.replaceChildren();
  d.append(el('h2', ip.members ? ip.ip + ' · ' + ip.members.length + ' IPs' : ip.ip));
  if (beyond) d.append(el('div', 'not among the ' + doc.ips.length + ' rows of the table (the most active' + (state.filter || state.suspicious ? ' of those the filter leaves' : '') + '): shown on its own', 'warn'));
  const where = [];
  if (ip.geo) where.push([ip.geo.city, ip.geo.country_name || ip.geo.country].filter(Boolean).join(', '), ip.geo.asn ? 'AS' + ip.geo.asn + ' ' + (ip.geo.as_org || '') : '');
  if (ip.whois) where.push((ip.whois.network || '') + ' ' + (ip.whois.org || ''), ip.whois.abuse_email ? 'abuse: ' + ip.whois.abuse_email : '');
  for (const w of where.filter(Boolean)) d.append(el('div', w, 'dim'));
  d.append(el('div', 'first seen ' + ip.first_seen + ' · last seen ' + ip.last_seen, 'dim'));
  if (ip.members) {
    section(d, 'IPs in it');
    for (const m of ip.members) {
      const w = worst(m.findings);
      d.append(el('div', m.ip + '  conns ' + m.connections.total + ' · requests ' + m.requests + ' · ssh failures ' +
        ((m.auth && m.auth.failures) || 0) + (m.wire ? ' · ' + rate(m.wire.pps) + ' pkt/s · handshake RTT ' + ms(m.wire.handshake_rtt_ms_p50) : '') +
        (w ? '  ' + w.severity + ' ' + w.rule : ''), w ? sevClass(w.severity) : ''));
    }
  }
  section(d, 'Why');
  if (!(ip.findings || []).length && !(ip.earlier_findings || []).length) d.append(el('div', 'nothing suspicious', 'ok'));
  for (const f of ip.findings || []) {
    d.append(el('div', '● ' + f.severity.toUpperCase() + ' ' + f.rule + '  ' + (ip.members ? f.subject + '  ' : '') + f.reason, sevClass(f.severity)));
    d.append(lines(f.evidence));
  }
  for (const p of ip.earlier_findings || []) {
    const f = p.finding || p;
    d.append(el('div', (p.held ? '● ' : '○ ') + f.severity.toUpperCase() + ' ' + f.rule + (p.held ? '  below threshold since ' : '  ended ') + p.ended + ': ' + f.reason, 'warn'));
    d.append(lines(f.evidence));
  }
  for (const b of ip.blocked || []) {
    d.append(el('div', (b.only ? '⊖ BLOCKED IN PART ' : '⊘ BLOCKED ') + blockText(b), 'info blocked'));
    d.append(el('pre', b.rule));
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
  if (ip.wire) renderWire(d, ip.wire);
  const a = ip.auth || {};
  if (a.failures || a.accepted || a.preauth_disconnects || a.handshake_failures) {
    section(d, 'SSH');
    d.append(el('div', (a.failures || 0) + ' failed (' + (a.invalid_users || 0) + ' as invalid users) · ' + (a.accepted || 0) + ' accepted · ' + (a.handshake_failures || 0) + ' failed handshakes'));
    if ((a.users || []).length) d.append(el('div', 'users ' + a.users.join(', '), 'dim'));
  }
}

// What the packet capture saw of it: the fields of ips[].wire
function renderWire(d, w) {
  section(d, 'Wire');
  if (w.pps === null) d.append(el('div', '— pkt/s: the capture counts nothing now (see its source status); counts up to then', 'warn'));
  else d.append(el('div', rate(w.pps) + ' pkt/s · 10 s ' + rate(w.pps_10s) + ' · 60 s ' + rate(w.pps_60s) + ' · peak ' + rate(w.peak_pps)));
  d.append(el('div', count(w.packets) + ' packets (' + bytes(w.bytes) + ') sent · ' + count(w.rx_packets) + ' received', 'dim'));
  d.append(el('div', 'handshake RTT p50 ' + ms(w.handshake_rtt_ms_p50) + ' · handshakes ' + w.handshakes + ' · unanswered SYNs ' + w.syn_unanswered +
    (w.syn_unanswered ? ' (no reply ' + (w.syn_unanswered - (w.syn_refused || 0)) + ', refused by RST ' + (w.syn_refused || 0) + ')' : '') + ' · half-open ' + w.half_open + (w.synack_reset ? ' · reset after SYN-ACK ' + w.synack_reset : ''),
    w.syn_unanswered && !w.handshakes ? 'warn' : ''));
  d.append(el('div', 'SYN ' + w.syn + ' · SYN-ACK ' + w.synack + ' · RST ' + w.rst + ' · retrans ' + w.retrans + ' · zero window ' + w.zero_window + ' · ports ' + w.ports_touched + (w.mac ? ' · MAC ' + w.mac : ''), 'dim'));
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
  if (beat.at && since > Math.max(5000, 3 * beat.gap) && state.source && $('status').textContent !== 'reconnecting…') {
    $('status').textContent = 'no update for ' + Math.round(since / 1000) + ' s';
    $('status').className = 'bad';
  }
}, 1000);

// A browser gives up on a stream the server answered with an error (503 too many event streams,
// 401 after a token change): it never reconnects by itself. The page says why and tries again.
const RETRY_MS = 5000;
function refused(url) {
  state.source = null;
  const say = (why) => {
    $('status').textContent = (url ? 'event stream refused' : 'no connection') + (why ? ': ' + why : '') + '; retrying in ' + RETRY_MS / 1000 + ' s';
    $('status').className = 'bad';
  };
  say(url ? '' : 'the server does not answer');
  clearTimeout(state.retry);
  state.retry = setTimeout(connect, RETRY_MS);
  if (!url) return;
  const ctl = new AbortController(); // asked once more for the server's one line of why
  fetch(url, { signal: ctl.signal }).then(async (r) => {
    if (!r.ok && state.source === null) say((await r.text()).trim());
    ctl.abort(); // a stream that answered after all is not kept: connect() opens its own
  }).catch(() => {});
}

async function connect() {
  clearTimeout(state.retry);
  if (state.source) { state.source.close(); state.source = null; }
  $('filter-error').textContent = '';
  // the filter is checked once by a plain request, so a bad one shows its error instead of a silent stream
  let check;
  try {
    check = await fetch(api('api/snapshot', { top: '1' }));
  } catch (e) {
    refused(null); // the server is not there (restarting): the same retries
    return;
  }
  if (check.status === 400) {
    $('filter-error').textContent = (await check.text()).trim();
    return;
  }
  const url = api('api/events', { top: '500' });
  const es = new EventSource(url);
  state.source = es;
  es.onmessage = (e) => { arrived(); render(JSON.parse(e.data)); };
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) { if (state.source === es) refused(url); return; }
    $('status').textContent = 'reconnecting…';
    $('status').className = 'bad';
  };
  remember();
}

// The footer's links with the page's token (without it each was a 401), the JSON one with its view
function links() {
  $('json-link').href = api('api/snapshot');
  $('metrics-link').href = token ? 'metrics?' + new URLSearchParams({ token }) : 'metrics';
}

// The view in the address bar, so a reload or a link shows the same
function remember() {
  links();
  history.replaceState(null, '', '?' + new URLSearchParams(Object.fromEntries(Object.entries({
    filter: state.filter, suspicious: state.suspicious ? '1' : '', group: state.group ? '1' : '', ip: state.selected || '', token: token || '' }).filter(([, v]) => v))).toString());
}

document.addEventListener('DOMContentLoaded', () => {
  $('filter').value = state.filter;
  $('suspicious').checked = state.suspicious;
  links();
  $('view').addEventListener('submit', (e) => { e.preventDefault(); state.filter = $('filter').value.trim(); connect(); });
  $('suspicious').addEventListener('change', () => { state.suspicious = $('suspicious').checked; connect(); });
  $('group').checked = state.group;
  $('group').addEventListener('change', () => {
    state.group = $('group').checked;
    if (state.doc) render(state.doc);
    remember();
  });
  document.querySelector('#ips tbody').addEventListener('click', (e) => {
    const tr = e.target.closest('tr');
    if (!tr) return;
    state.selected = tr.dataset.ip === state.selected ? null : tr.dataset.ip;
    if (state.doc) { renderTable(state.doc); renderDetail(state.doc); }
  });
  connect();
});
