// ringkv web console: polls this node's /admin JSON and draws the cluster. No framework, no CDN.
// Every value that comes from the cluster is put in the page as text (never as HTML): keys and
// values are user data.
'use strict';

const POLL_MILLIS = 1500;
const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#58a6ff', '#3fb950', '#d29922', '#bc8cff', '#f778ba', '#39c5cf', '#ff7b72',
  '#a5d6ff', '#7ee787', '#e3b341', '#d2a8ff', '#ffa198'];

const state = {
  colors: new Map(),   // node id -> colour, stable while the page is open
  ringSignature: '',
  inspected: null,     // {bucket, key, partition}
  polls: 0,
};

// ---------------------------------------------------------------- small DOM helpers

function el(tag, attributes = {}, ...children) {
  const node = tag.startsWith('svg:')
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'style') node.setAttribute('style', value);
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function replaceContent(id, ...children) {
  document.getElementById(id).replaceChildren(...children.filter((c) => c !== null && c !== undefined));
}

function badge(text, kind) {
  return el('span', {class: `badge ${kind}`, text});
}

async function getJson(url) {
  const response = await fetch(url, {cache: 'no-store', headers: {Accept: 'application/json'}});
  let body = null;
  try {
    body = await response.json();
  } catch (ignored) {
    // not JSON: reported below by status
  }
  if (!response.ok) {
    const error = new Error(body && body.message ? body.message : `HTTP ${response.status}`);
    error.status = response.status;
    error.code = body && body.error;
    throw error;
  }
  return body;
}

function colorOf(nodeId) {
  if (!state.colors.has(nodeId)) {
    state.colors.set(nodeId, PALETTE[state.colors.size % PALETTE.length]);
  }
  return state.colors.get(nodeId);
}

// ---------------------------------------------------------------- the ring

function polar(radius, turn) {
  // Partition 0 starts at the top; partitions go clockwise, as the hash space does.
  const angle = 2 * Math.PI * turn - Math.PI / 2;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

function sector(inner, outer, fromTurn, toTurn) {
  const large = toTurn - fromTurn > 0.5 ? 1 : 0;
  const [x1, y1] = polar(outer, fromTurn);
  const [x2, y2] = polar(outer, toTurn);
  const [x3, y3] = polar(inner, toTurn);
  const [x4, y4] = polar(inner, fromTurn);
  const f = (n) => n.toFixed(2);
  return `M${f(x1)},${f(y1)} A${outer},${outer} 0 ${large} 1 ${f(x2)},${f(y2)} `
    + `L${f(x3)},${f(y3)} A${inner},${inner} 0 ${large} 0 ${f(x4)},${f(y4)} Z`;
}

function renderRing(ring, members) {
  const pending = new Map((ring.pendingTransfers || []).map((t) => [t.partition, t]));
  const signature = JSON.stringify([ring.version, ring.partitions.map((p) => p.owner),
    [...pending.keys()], state.inspected && state.inspected.partition,
    members.map((m) => m.id + m.state)]);
  if (signature === state.ringSignature) return;
  state.ringSignature = signature;

  members.forEach((m) => colorOf(m.id));
  const count = ring.partitionCount;
  const svg = document.getElementById('ring');
  const down = new Set(members.filter((m) => m.state !== 'up').map((m) => m.id));
  const shapes = [];
  for (const p of ring.partitions) {
    const from = p.partition / count;
    const to = (p.partition + 1) / count;
    const transfer = pending.get(p.partition);
    const title = `partition ${p.partition} · owner ${p.owner}`
      + (p.replicas ? ` · replicas ${p.replicas.join(', ')}` : '')
      + (transfer ? ` · moving ${transfer.from} → ${transfer.to}` : '');
    shapes.push(el('svg:path', {
      d: sector(150, 195, from, to),
      fill: colorOf(p.owner),
      'fill-opacity': down.has(p.owner) ? 0.3 : 1,
      class: transfer ? 'pending' : null,
      'data-partition': p.partition,
      'data-owner': p.owner,
    }, el('svg:title', {text: title})));
  }
  if (state.inspected && state.inspected.partition !== undefined) {
    const p = state.inspected.partition;
    shapes.push(el('svg:path', {class: 'highlight', d: sector(140, 205, p / count, (p + 1) / count)}));
    const [x, y] = polar(120, (p + 0.5) / count);
    shapes.push(el('svg:text', {x: x.toFixed(1), y: y.toFixed(1), class: 'small', text: `#${p}`}));
  }
  shapes.push(el('svg:text', {x: 0, y: -6, text: `${count} partitions`}));
  shapes.push(el('svg:text', {x: 0, y: 14, class: 'small',
    text: ring.version !== undefined ? `ring version ${ring.version}` : ''}));
  svg.replaceChildren(...shapes);

  const owned = new Map();
  ring.partitions.forEach((p) => owned.set(p.owner, (owned.get(p.owner) || 0) + 1));
  replaceContent('ring-legend', ...[...owned.keys()].sort().map((id) =>
    el('span', {style: `--swatch:${colorOf(id)}`, 'data-legend': id, text: `${id} (${owned.get(id)})`})));
  replaceContent('ring-summary', document.createTextNode(pending.size
    ? `${pending.size} partition transfer(s) pending (dashed)`
    : 'no partition transfers pending'));
}

// ---------------------------------------------------------------- members, hints, anti-entropy

function renderMembers(members) {
  const rows = members.map((m) => el('tr', {'data-member': m.id, 'data-state': m.state},
    el('td', {}, el('span', {class: 'swatch', style: `background:${colorOf(m.id)}`}), m.id),
    el('td', {}, badge(m.state, m.state === 'up' ? 'up' : 'down')),
    el('td', {text: m.membership}),
    el('td', {text: String(m.partitions)}),
    el('td', {text: m.rack || '—'}),
    el('td', {}, m.httpAddress ? el('a', {href: `http://${m.httpAddress}/console`, text: m.httpAddress}) : '—')));
  document.querySelector('#members tbody').replaceChildren(...rows);
  const here = members.find((m) => m.httpAddress === window.location.host);
  replaceContent('served-by', document.createTextNode(here ? `console of ${here.id}` : window.location.host));
}

function renderHints(hints) {
  const targets = Object.entries(hints.byTarget || {});
  replaceContent('hints',
    el('p', {'data-hints-pending': hints.pending, text: `${hints.pending} hint(s) pending`}),
    targets.length
      ? el('table', {}, el('tbody', {}, ...targets.map(([target, n]) =>
        el('tr', {}, el('td', {text: `for ${target}`}), el('td', {text: String(n)})))))
      : null);
}

function renderAntiEntropy(progress) {
  const scalars = Object.entries(progress).filter(([, v]) => v === null || typeof v !== 'object');
  const partitions = Array.isArray(progress.partitions) ? progress.partitions : [];
  const parts = [];
  if (scalars.length) {
    parts.push(el('table', {}, el('tbody', {}, ...scalars.map(([k, v]) =>
      el('tr', {}, el('th', {text: k}), el('td', {text: String(v)}))))));
  }
  if (partitions.length === 0) {
    parts.push(el('p', {class: 'muted', text: 'no exchanges reported yet'}));
  } else {
    const columns = Object.keys(partitions[0]);
    const shown = partitions.slice(0, 12);
    parts.push(el('table', {},
      el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', {text: c})))),
      el('tbody', {}, ...shown.map((row) => el('tr', {}, ...columns.map((c) =>
        el('td', {text: typeof row[c] === 'object' ? JSON.stringify(row[c]) : String(row[c])})))))));
    if (partitions.length > shown.length) {
      parts.push(el('p', {class: 'muted', text: `… and ${partitions.length - shown.length} more partitions`}));
    }
  }
  replaceContent('anti-entropy', ...parts);
}

// ---------------------------------------------------------------- key inspector

function pathSegment(text) {
  return encodeURIComponent(text);
}

function decodeValue(base64) {
  const binary = atob(base64 || '');
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  try {
    const text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
    if (!/[\u0000-\u0008\u000e-\u001f]/.test(text)) {
      return text.length > 300 ? `${text.slice(0, 300)}… (${bytes.length} bytes)` : text;
    }
  } catch (ignored) {
    // binary: shown as base64 below
  }
  return `base64 ${base64.slice(0, 120)}${base64.length > 120 ? '…' : ''} (${bytes.length} bytes)`;
}

function clockText(clock) {
  const entries = Object.entries(clock || {});
  return entries.length ? `{${entries.map(([actor, n]) => `${actor}: ${n}`).join(', ')}}` : '{}';
}

function renderReplica(node, answer) {
  const heading = el('h3', {}, el('span', {class: 'swatch', style: `background:${colorOf(node.id)}`}),
    `${node.id} `, badge(node.role, node.role), ' ', badge(node.state, node.state === 'up' ? 'up' : 'down'));
  if (answer.error) {
    const text = answer.error.status === 404 ? 'stores nothing for this key' : `error: ${answer.error.message}`;
    return el('div', {class: 'replica', 'data-replica': node.id},
      heading, el('p', {class: answer.error.status === 404 ? 'muted' : 'error', text}));
  }
  const local = answer.local;
  const siblings = local.siblings.map((s) => el('div', {class: `sibling${s.deleted ? ' deleted' : ''}`},
    el('div', {class: 'value', text: s.deleted ? '(tombstone)' : decodeValue(s.value)}),
    el('div', {class: 'muted'},
      'dot ', el('code', {text: clockText(s.dot)}), ' · clock ', el('code', {text: clockText(s.clock)}),
      ` · ${s.contentType || ''}`)));
  return el('div', {class: 'replica', 'data-replica': node.id, 'data-siblings': local.siblings.length},
    heading,
    el('p', {class: 'muted', text: `partition ${local.partition} · ${local.siblings.length} sibling(s)`}),
    ...siblings);
}

async function inspect() {
  const target = state.inspected;
  if (!target) return;
  const query = `bucket=${encodeURIComponent(target.bucket)}&key=${encodeURIComponent(target.key)}`;
  let list;
  try {
    list = await getJson(`/admin/preference-list?${query}`);
  } catch (error) {
    replaceContent('inspection', el('p', {class: 'error', text: `preference list: ${error.message}`}));
    return;
  }
  target.partition = list.partition;
  const answers = await Promise.all(list.nodes.map((node) =>
    getJson(`/console/local/${pathSegment(node.id)}/${pathSegment(target.bucket)}/${pathSegment(target.key)}`)
      .then((local) => ({local}), (error) => ({error}))));
  if (state.inspected !== target) return; // another key was asked for meanwhile
  replaceContent('inspection',
    el('p', {text: `${target.bucket}/${target.key} → partition ${list.partition}, preference list `},
      ...list.nodes.flatMap((node, i) => [i ? ', ' : '', el('code', {text: `${node.id} (${node.role}, ${node.state})`})])),
    el('div', {class: 'replicas'}, ...list.nodes.map((node, i) => renderReplica(node, answers[i]))));
}

function inspectFromHash() {
  // #inspect=<bucket>/<key>: a shareable link to one key
  const match = /^#inspect=([^/]*)\/(.+)$/.exec(window.location.hash);
  if (!match) return;
  const form = document.getElementById('inspect');
  form.bucket.value = decodeURIComponent(match[1]);
  form.key.value = decodeURIComponent(match[2]);
  state.inspected = {bucket: form.bucket.value || 'default', key: form.key.value};
}

document.getElementById('inspect').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  state.inspected = {bucket: form.bucket.value || 'default', key: form.key.value};
  window.history.replaceState(null, '',
    `#inspect=${encodeURIComponent(state.inspected.bucket)}/${encodeURIComponent(state.inspected.key)}`);
  inspect().then(refresh);
});

// ---------------------------------------------------------------- polling

async function refresh() {
  const [members, ring, hints, antiEntropy] = await Promise.allSettled([
    getJson('/admin/members'), getJson('/admin/ring'), getJson('/admin/hints'), getJson('/admin/anti-entropy')]);
  const failures = [members, ring, hints, antiEntropy].filter((r) => r.status === 'rejected');
  const memberList = members.status === 'fulfilled' ? members.value.members : [];
  if (members.status === 'fulfilled') renderMembers(memberList);
  if (ring.status === 'fulfilled') renderRing(ring.value, memberList);
  if (hints.status === 'fulfilled') renderHints(hints.value);
  if (antiEntropy.status === 'fulfilled') renderAntiEntropy(antiEntropy.value);
  state.polls += 1;
  const status = document.getElementById('status');
  status.dataset.state = failures.length ? 'error' : 'live';
  status.dataset.polls = String(state.polls);
  status.textContent = failures.length
    ? `${failures[0].reason.message} · retrying`
    : `live · updated ${new Date().toLocaleTimeString()}`;
}

async function poll() {
  try {
    await refresh();
    await inspect();
  } catch (error) {
    const status = document.getElementById('status');
    status.dataset.state = 'error';
    status.textContent = `${error.message} · retrying`;
  } finally {
    setTimeout(poll, POLL_MILLIS);
  }
}

inspectFromHash();
poll();
