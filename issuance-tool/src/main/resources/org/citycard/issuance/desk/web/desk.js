// The card centre's desk: one page, views by role, every value put in with textContent (never as HTML).
'use strict';

const $ = (id) => document.getElementById(id);
let csrf = null;
let dict = null;
let photoData = null;
let editPhotoData = null;
let pollTimer = null;
let lastBatch = null;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function say(text, bad) {
  const m = $('message');
  m.textContent = text || '';
  m.className = 'message' + (bad ? ' bad' : '');
}

async function api(method, path, body) {
  const opts = { method, headers: {}, credentials: 'same-origin' };
  if (method === 'POST') {
    opts.headers['Content-Type'] = 'application/json';
    if (csrf) opts.headers['X-CSRF-Token'] = csrf;
    opts.body = JSON.stringify(body || {});
  }
  const r = await fetch(path, opts);
  const data = await r.json().catch(() => ({ error: 'HTTP ' + r.status }));
  if (r.status === 403 && data.error && data.error.indexOf('请先登录') === 0) {
    await start();
  }
  if (!r.ok) {
    const err = new Error(data.error || ('HTTP ' + r.status));
    err.data = data;
    throw err;
  }
  return data;
}

function errorText(e) {
  if (e.data && e.data.fields) {
    return e.data.error + '\n' + e.data.fields.map((f) => f.field + " '" + f.value + "': " + f.rule).join('\n');
  }
  return e.message;
}

function show(view) {
  document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== 'view-' + view; });
  document.querySelectorAll('.menu button').forEach((b) => b.classList.toggle('current', b.dataset.view === view));
  const first = document.querySelector('#view-' + view + ' input:not([readonly]), #view-' + view + ' button');
  if (first) first.focus();
  if (view === 'review') loadReview();
  if (view === 'production') loadProduction();
}

async function start() {
  const s = await fetch('/api/state', { credentials: 'same-origin' }).then((r) => r.json());
  csrf = s.csrf || null;
  $('menu').hidden = !s.signedIn;
  $('who').hidden = !s.signedIn;
  if (!s.signedIn) {
    show(s.firstSupervisor ? 'boot' : 'login');
    return;
  }
  $('whoami').textContent = s.name + ' (' + s.user + ') · ' + s.roles.join(', ');
  document.querySelectorAll('.menu button').forEach((b) => { b.hidden = s.menu.indexOf(b.dataset.view) < 0; });
  if (!dict) {
    dict = await api('GET', '/api/dictionary');
    fillSelect($('f-ethnicity'), dict.ethnicities, '01');
    fillSelect($('e-ethnicity'), dict.ethnicities, null);
    fillSelect($('f-birthplace'), dict.regions, '', '— 身份证号的地区 the ID number\'s region —');
    fillSelect($('f-education'), dict.education, '', '—');
  }
  show(s.menu[0] || 'search');
}

function fillSelect(sel, codes, selected, emptyLabel) {
  sel.textContent = '';
  if (emptyLabel !== undefined) sel.appendChild(new Option(emptyLabel, ''));
  codes.forEach((c) => sel.appendChild(new Option(c.code + ' ' + c.zh + ' ' + c.en, c.code)));
  if (selected !== null && selected !== undefined) sel.value = selected;
}

// ------------------------------------------------------------------ sign-in

$('bootForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    await api('POST', '/api/bootstrap', { username: $('bootUser').value, displayName: $('bootName').value, password: $('bootPassword').value });
    $('bootPassword').value = '';
    say('主管已创建，请登录 Supervisor created: sign in');
    show('login');
  } catch (e) { say(errorText(e), true); }
});

$('loginForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('loginError').textContent = '';
  try {
    await api('POST', '/api/login', { username: $('loginUser').value, password: $('loginPassword').value });
    $('loginPassword').value = '';
    say('');
    await start();
  } catch (e) {
    $('loginPassword').value = '';
    $('loginError').textContent = e.message;
  }
});

$('logoutBtn').addEventListener('click', async () => {
  try { await api('POST', '/api/logout', {}); } catch (e) { /* signed out anyway */ }
  csrf = null;
  say('已退出 Signed out');
  await start();
});

document.querySelectorAll('.menu button').forEach((b) => b.addEventListener('click', () => show(b.dataset.view)));

// ------------------------------------------------------------------ enrolment: checks as the clerk types

const timers = {};
function later(key, fn) {
  clearTimeout(timers[key]);
  timers[key] = setTimeout(fn, 250);
}

function hint(id, ok, text) {
  const h = $(id);
  h.textContent = text;
  h.className = 'hint' + (ok === true ? ' good' : ok === false ? ' bad' : '');
}

async function checkField(input, hintId) {
  const field = input.dataset.field;
  const value = input.value;
  if (!value && field !== 'citizen_id' && field !== 'name') { hint(hintId, null, ''); input.removeAttribute('aria-invalid'); return; }
  try {
    const r = await api('POST', '/api/check', { field, value });
    if (input.value !== value) return; // typed on meanwhile
    input.setAttribute('aria-invalid', r.ok ? 'false' : 'true');
    if (field === 'citizen_id') {
      if (r.ok) {
        hint(hintId, true, '✓ ' + (r.regionLabel || r.region));
        $('f-sex').value = r.sexLabel;
        $('f-birth_date').value = r.birthDate;
      } else {
        hint(hintId, false, r.rule);
        $('f-sex').value = '';
        $('f-birth_date').value = '';
      }
      const w = $('dupWarning');
      w.hidden = !r.duplicate;
      w.textContent = r.duplicate ? r.warning : '';
    } else if (field === 'name') {
      const bytes = r.bytes !== undefined ? ' (' + r.bytes + ' / ' + r.maxBytes + ' 字节 bytes GB 18030)' : '';
      hint(hintId, r.ok, (r.ok ? '✓' : r.rule) + bytes);
    } else {
      hint(hintId, r.ok, r.ok ? '✓' : r.rule);
    }
  } catch (e) { hint(hintId, false, e.message); }
}

['citizen_id', 'name', 'address', 'phone', 'insurance'].forEach((f) => {
  const input = $('f-' + f);
  input.addEventListener('input', () => later(f, () => checkField(input, 'hint-' + f)));
  input.addEventListener('blur', () => checkField(input, 'hint-' + f));
});
$('e-name').addEventListener('input', () => later('e-name', () => checkField($('e-name'), 'hint-e-name')));

function readFile(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

async function takePhoto(input, preview, hintId) {
  const f = input.files[0];
  if (!f) return null;
  const url = await readFile(f);
  preview.src = url;
  preview.hidden = false;
  try {
    const r = await api('POST', '/api/photo', { data: url });
    if (hintId) hint(hintId, r.ok, r.ok ? '✓ ' + f.name + ', ' + r.bytes + ' 字节 bytes' : f.name + ': ' + r.rule);
    return r.ok ? url : null;
  } catch (e) {
    if (hintId) hint(hintId, false, e.message);
    return null;
  }
}

$('f-photo').addEventListener('change', async () => { photoData = await takePhoto($('f-photo'), $('photoPreview'), 'hint-photo'); });
$('e-photo').addEventListener('change', async () => { editPhotoData = await takePhoto($('e-photo'), $('editPhoto'), null); });

$('enrolForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const body = {};
  ['citizen_id', 'name', 'ethnicity', 'birthplace', 'address', 'phone', 'education', 'insurance'].forEach((f) => { body[f] = $('f-' + f).value; });
  body.photo = photoData;
  try {
    const r = await api('POST', '/api/enrol', body);
    $('enrolResult').textContent = '✓ 已登记 Enrolled: application ' + r.application + ' (' + r.state + ')';
    $('enrolResult').className = 'result good';
    say('申请 Application ' + r.application);
    $('enrolForm').reset();
    $('photoPreview').hidden = true;
    photoData = null;
    document.querySelectorAll('#enrolForm .hint[id]').forEach((h) => { if (h.id !== 'hint-sex') h.textContent = ''; });
    $('dupWarning').hidden = true;
    $('f-citizen_id').focus();
  } catch (e) {
    $('enrolResult').textContent = errorText(e);
    $('enrolResult').className = 'result bad';
    if (e.data && e.data.fields && e.data.fields.length) {
      const first = $('f-' + e.data.fields[0].field);
      if (first) first.focus();
    }
  }
});

$('csvForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const csv = await readFile($('csvFile').files[0]);
  const photos = [];
  for (const f of $('csvPhotos').files) photos.push({ name: f.name, data: await readFile(f) });
  try {
    const r = await api('POST', '/api/enrol-csv', { csv, photos, encoding: $('csvEncoding').value });
    const box = $('csvResult');
    box.textContent = '';
    box.appendChild(el('p', r.enrolled + ' 已登记 enrolled, ' + r.refused + ' 行被拒 rows refused, ' + r.already + ' 已登记过 already enrolled'));
    const ul = el('ul');
    r.lines.forEach((l) => {
      const text = 'line ' + l.line + ' ' + l.id + ': ' + (l.application ? 'application ' + l.application
        : l.existing ? 'already enrolled as application ' + l.existing : l.errors.join('; '));
      ul.appendChild(el('li', text, l.application ? 'good' : l.existing ? '' : 'bad'));
    });
    box.appendChild(ul);
  } catch (e) { $('csvResult').textContent = errorText(e); }
});

$('editLoadForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    const a = await api('GET', '/api/application?id=' + encodeURIComponent($('editApp').value));
    $('editForm').hidden = false;
    $('editInfo').textContent = 'application ' + a.application + ' · ' + a.citizenId + ' · ' + a.sex + ' · ' + a.birthDate + ' · ' + a.state
      + (a.editable ? '' : ' — 已比对，不能更正 verified: it can no longer be corrected');
    $('e-name').value = a.name;
    $('e-ethnicity').value = a.ethnicity;
    $('e-address').value = a.address || '';
    $('e-phone').value = a.phone || '';
    if (a.photo) { $('editPhoto').src = a.photo; $('editPhoto').hidden = false; }
    $('editBtn').disabled = !a.editable;
    editPhotoData = null;
    $('editForm').dataset.app = a.application;
    $('editForm').dataset.orig = JSON.stringify({ name: a.name, ethnicity: a.ethnicity, address: a.address || '', phone: a.phone || '' });
    $('e-name').focus();
  } catch (e) { $('editResult').textContent = errorText(e); }
});

$('editForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const orig = JSON.parse($('editForm').dataset.orig);
  const body = { application: $('editForm').dataset.app };
  const now = { name: $('e-name').value, ethnicity: $('e-ethnicity').value, address: $('e-address').value, phone: $('e-phone').value };
  Object.keys(now).forEach((k) => { if (now[k] !== orig[k]) body[k] = now[k]; });
  if (editPhotoData) body.photo = editPhotoData;
  try {
    const r = await api('POST', '/api/edit', body);
    $('editResult').textContent = '✓ 已更正 Corrected: ' + r.changed.join(', ') + ' — 请重新比对 compare it again';
    $('editResult').className = 'result good';
  } catch (e) {
    $('editResult').textContent = errorText(e);
    $('editResult').className = 'result bad';
  }
});

// ------------------------------------------------------------------ review queue

function facts(title, p, other) {
  const box = el('div');
  box.appendChild(el('h4', title));
  if (!p) { box.appendChild(el('p', '人口库无此身份证号 No registry record of this ID number', 'bad')); return box; }
  const dl = el('dl');
  [['身份证号 ID', 'citizenId'], ['姓名 Name', 'name'], ['性别 Sex', 'sex'], ['出生 Born', 'birthDate'], ['民族 Ethnicity', 'ethnicity'], ['状态 Status', 'status']]
    .forEach(([label, k]) => {
      if (p[k] === undefined) return;
      dl.appendChild(el('dt', label));
      dl.appendChild(el('dd', p[k], other && other[k] !== undefined && other[k] !== p[k] ? 'differs' : ''));
    });
  box.appendChild(dl);
  if (p.photo) { const img = el('img', null, 'photo'); img.src = p.photo; img.alt = '照片 Photograph'; box.appendChild(img); }
  return box;
}

async function loadReview() {
  const list = $('reviewList');
  try {
    const r = await api('GET', '/api/review');
    list.textContent = '';
    if (!r.queue.length) list.appendChild(el('p', '没有待审核的申请 Nothing waiting for a review'));
    r.queue.forEach((item) => {
      const box = el('article', null, 'review-item');
      box.dataset.app = item.application;
      box.appendChild(el('h3', '申请 Application ' + item.application + ' · ' + item.applicant.name));
      box.appendChild(el('p', '采集 enrolled by ' + item.enrolledBy + ' · 比对 compared ' + item.comparedAt));
      const side = el('div', null, 'side');
      side.appendChild(facts('申请 Application', item.applicant, item.registry));
      side.appendChild(facts('人口库 Registry', item.registry, item.applicant));
      box.appendChild(side);
      const ul = el('ul', null, 'findings');
      item.findings.forEach((f) => ul.appendChild(el('li', (f.blocking ? '[阻断 blocking] ' : '[待查 review] ') + f.kind + ': ' + f.message, f.blocking ? 'blocking' : '')));
      box.appendChild(ul);
      if (item.mayDecide) {
        const label = el('label', '理由 Reason ');
        const reason = el('input', null, 'reason');
        reason.id = 'reason-' + item.application;
        label.htmlFor = reason.id;
        const approve = el('button', '通过 Approve', 'approve');
        const reject = el('button', '驳回 Reject', 'reject');
        approve.type = 'button';
        reject.type = 'button';
        approve.disabled = item.findings.some((f) => f.blocking);
        const decide = async (ok) => {
          try {
            const d = await api('POST', '/api/review', { application: item.application, approve: ok, reason: reason.value });
            say('申请 Application ' + d.application + ': ' + d.state);
            await loadReview();
          } catch (e) { say(e.message, true); }
        };
        approve.addEventListener('click', () => decide(true));
        reject.addEventListener('click', () => decide(false));
        const row = el('p');
        [label, reason, approve, reject].forEach((x) => row.appendChild(x));
        box.appendChild(row);
      }
      list.appendChild(box);
    });
  } catch (e) { list.textContent = e.message; }
}

$('compareBtn').addEventListener('click', async () => {
  try {
    const r = await api('POST', '/api/compare', {});
    const passed = r.results.filter((x) => x.passed).length;
    $('compareResult').textContent = passed + ' 通过 passed, ' + (r.results.length - passed) + ' 待审核 flagged';
    await loadReview();
  } catch (e) { $('compareResult').textContent = e.message; }
});

// ------------------------------------------------------------------ production

async function loadProduction() {
  try {
    const p = await api('GET', '/api/production');
    $('verifiedCount').textContent = p.verified;
    const body = $('batchList');
    body.textContent = '';
    p.batches.forEach((b) => {
      const tr = el('tr');
      [b.id, b.keySet, b.alg === 'SM4' ? 'SM4' : '3DES', b.done + ' / ' + b.size, b.running ? '运行中 running' : b.finished ? '完成 finished' : '未完成 open'].forEach((v) => tr.appendChild(el('td', v)));
      const td = el('td');
      if (!b.finished && !b.running) {
        const go = el('button', '继续 Resume');
        go.type = 'button';
        go.addEventListener('click', () => runBatch(b.id));
        td.appendChild(go);
      }
      tr.appendChild(td);
      body.appendChild(tr);
    });
  } catch (e) { say(e.message, true); }
}

async function runBatch(id) {
  try {
    const p = await api('POST', '/api/batch/run', { batch: id, keySet: $('batchKeySet').value, password: $('batchPassword').value, reader: $('batchReader').value });
    lastBatch = id;
    drawProgress(p);
    poll(id);
  } catch (e) { say(e.message, true); }
}

$('batchForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    const b = await api('POST', '/api/batch', { count: $('batchCount').value, keySet: $('batchKeySet').value, alg: $('batchAlg').value });
    say('批次 Batch ' + b.batch + ': ' + b.size + ' 张 cards');
    await runBatch(b.batch);
  } catch (e) { say(e.message, true); }
});

$('resumeBtn').addEventListener('click', () => runBatch(lastBatch));

function drawProgress(p) {
  $('progress').hidden = false;
  $('progBatch').textContent = p.batch;
  $('progDone').textContent = p.done;
  $('progTotal').textContent = p.total;
  $('progLeft').textContent = p.left;
  $('progBar').max = Math.max(1, p.total);
  $('progBar').value = p.done;
  $('progRate').textContent = p.ratePerMinute ? p.ratePerMinute : '–';
  $('progEta').textContent = p.secondsLeft !== null && p.secondsLeft !== undefined ? p.secondsLeft + ' s' : '–';
  $('progReader').textContent = p.reader;
  const s = p.summary;
  $('progSummary').textContent = s
    ? '汇总 Summary: ' + s.done + ' / ' + s.total + ' 完成 done (' + s.personalisedNow + ' 本次制作 personalised now, ' + s.verifiedExisting
      + ' 已完成并核验 found finished, ' + s.doneBefore + ' 之前完成 done before), ' + s.seconds + ' s; 已报送清分中心 reported to the server ' + s.reportedToServer
      + (s.notReported ? ', 未报送 not reported ' + s.notReported : '') + (s.stoppedBy ? '\n停止 Stopped: ' + s.stoppedBy : '')
    : (p.error ? '停止 Stopped: ' + p.error : '');
  $('resumeBtn').hidden = p.running || p.done >= p.total;
}

function poll(id) {
  clearInterval(pollTimer);
  pollTimer = setInterval(async () => {
    try {
      const p = await api('GET', '/api/batch/progress?batch=' + id);
      drawProgress(p);
      if (!p.running) { clearInterval(pollTimer); loadProduction(); }
    } catch (e) { clearInterval(pollTimer); say(e.message, true); }
  }, 500);
}

// ------------------------------------------------------------------ the counter

function cardText(c) {
  return 'application ' + c.application + (c.asn ? ' · ASN ' + c.asn + ' · card ' + c.cardNumber : '') + ' · ' + c.holder + ' ' + c.citizenId
    + '\n状态 State ' + c.state + (c.expiryDate ? ' · 有效期至 valid until ' + c.expiryDate : '') + '\n可办理 Next: ' + (c.next.length ? c.next.join(', ') : '—');
}

// only the fields the chosen action needs are shown
const LIFE_FIELDS = {
  distribute: ['presentedId', 'lifeReader', 'lifeKeySet', 'lifePassword', 'lifePin'],
  activate: [],
  loss: ['presentedId', 'lifeReason'],
  found: ['presentedId'],
  replace: ['presentedId', 'lifeReason'],
  settle: [],
  renew: ['presentedId'],
  cancel: ['presentedId', 'lifeReason', 'bank', 'account', 'accountName'],
  refund: ['bank', 'account', 'accountName'],
  'pin-reset': ['presentedId', 'lifeReader', 'lifeKeySet', 'lifePassword', 'lifePin'],
};
function lifeFields() {
  const wanted = LIFE_FIELDS[$('lifeAction').value] || [];
  ['presentedId', 'lifeReason', 'bank', 'account', 'accountName', 'lifeReader', 'lifeKeySet', 'lifePassword', 'lifePin'].forEach((id) => {
    const show = wanted.indexOf(id) >= 0;
    $(id).hidden = !show;
    document.querySelector('label[for=' + id + ']').hidden = !show;
  });
}
$('lifeAction').addEventListener('change', lifeFields);
lifeFields();

$('cardForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try { $('cardInfo').textContent = cardText(await api('GET', '/api/card?ref=' + encodeURIComponent($('cardRef').value))); } catch (e) { $('cardInfo').textContent = e.message; }
});

$('lifeForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const body = { action: $('lifeAction').value, card: $('cardRef').value, presentedId: $('presentedId').value, reason: $('lifeReason').value,
    bank: $('bank').value, account: $('account').value, accountName: $('accountName').value, reader: $('lifeReader').value,
    keySet: $('lifeKeySet').value, password: $('lifePassword').value, pin: $('lifePin').value };
  $('lifePin').value = '';
  $('lifePassword').value = '';
  try {
    const r = await api('POST', '/api/life', body);
    $('lifeResult').textContent = '✓ ' + r.message;
    $('lifeResult').className = 'result good';
    $('cardInfo').textContent = cardText(r.card);
    $('serverAnswer').textContent = r.server.answer + (r.server.balance ? ' · 余额 balance ' + r.server.balance + ' CNY' : '');
    if (r.receipt) receipt(r); else $('receiptBox').hidden = true;
  } catch (e) {
    $('lifeResult').textContent = errorText(e);
    $('lifeResult').className = 'result bad';
  }
  $('cardInfo').scrollIntoView({ block: 'start' });
});

function receipt(r) {
  const box = $('receipt');
  box.textContent = '';
  box.appendChild(el('h3', r.receipt === 'loss' ? '挂失回执 Loss report receipt' : '领卡回执 Card hand-over receipt'));
  [['市民卡 Card', r.card.asn + ' (' + r.card.cardNumber + ')'], ['持卡人 Holder', r.card.holder + ' ' + r.card.citizenId],
    ['状态 State', r.card.state], ['答复 Answer', r.server.answer], ['时间 Time', r.at], ['经办 Clerk', r.clerk]]
    .forEach(([k, v]) => box.appendChild(el('p', k + ': ' + v)));
  box.appendChild(el('p', r.receipt === 'loss'
    ? '卡片已列入黑名单，终端将拒绝使用。The card is on the hotlist: terminals refuse it.'
    : '请妥善保管卡片和密码。Keep the card and its PIN safe.'));
  box.appendChild(el('p', '持卡人签名 Holder\'s signature: ____________'));
  $('receiptBox').hidden = false;
}

$('printBtn').addEventListener('click', () => window.print());

// ------------------------------------------------------------------ search and the citizen's page

$('searchForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const ul = $('searchResults');
  ul.textContent = '';
  $('citizenPage').hidden = true;
  try {
    const r = await api('GET', '/api/search?q=' + encodeURIComponent($('searchQ').value));
    if (!r.results.length) ul.appendChild(el('li', '没有找到 Nobody found'));
    r.results.forEach((p) => {
      const li = el('li');
      const b = el('button', p.name + ' · ' + p.citizenId + ' · ' + (p.cards.join(', ') || '—'));
      b.type = 'button';
      b.disabled = !p.application;
      b.addEventListener('click', () => citizen(p.application));
      li.appendChild(b);
      ul.appendChild(li);
    });
  } catch (e) { ul.appendChild(el('li', e.message, 'bad')); }
});

async function citizen(app) {
  try {
    const c = await api('GET', '/api/citizen?app=' + app);
    $('citizenPage').hidden = false;
    $('citizenName').textContent = c.name;
    $('citizenFacts').textContent = c.citizenId + ' · ' + c.sex + ' · ' + c.birthDate;
    if (c.photo) { $('citizenPhoto').src = c.photo; $('citizenPhoto').hidden = false; } else { $('citizenPhoto').hidden = true; }
    const cards = $('citizenCards');
    cards.textContent = '';
    c.cards.forEach((k) => cards.appendChild(el('li', cardText(k))));
    const t = $('timeline');
    t.textContent = '';
    c.timeline.forEach((e) => t.appendChild(el('li', e.at + ' · ' + (e.card ? e.card + ' · ' : '') + e.text + ' · ' + e.by + (e.reason ? ' · ' + e.reason : ''), e.kind)));
    $('citizenName').focus();
  } catch (e) { say(e.message, true); }
}
$('citizenName').tabIndex = -1;

// ------------------------------------------------------------------ staff

$('staffForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    const r = await api('POST', '/api/staff', { username: $('staffUser').value, displayName: $('staffName').value, role: $('staffRole').value, password: $('staffPassword').value });
    $('staffPassword').value = '';
    $('staffResult').textContent = '✓ 已添加 Added: ' + r.added;
  } catch (e) { $('staffResult').textContent = e.message; }
});

start();
