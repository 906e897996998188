// CityCard kiosk and counter pages: one step on screen at a time; actions through the JSON API, events live over
// /ws; what a citizen reads comes from the dictionary's citizen messages (GET /api/messages), never a status word.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const page = document.body.dataset.page;
  // how long a screen other than the start stays without a touch or an event (the agent puts it into the page)
  const IDLE_MS = Math.max(1000, Number((document.querySelector("meta[name='citycard-page-idle-ms']") || {}).content) || 60000);
  let messages = {};
  let txTypes = {};
  let agentUp = false;
  let host = { reachable: null, responseCode: null };
  let current = "home";
  let retry = null; // what "try again" does on the problem screen
  let pay = {};
  let loadFen = 0;
  let homeTimer = null;
  let armTimer = null;
  const PAY_STEPS = ["payDept", "payBill", "payAmount", "payTap", "loadTap"];

  // ---- formats: ¥1,234.56 and 2026-12-02 12:00
  const yuan = (fen) => "¥" + (Number(fen) / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  function when(d, t) {
    const ds = String(d || ""), ts = String(t || "").padStart(6, "0");
    if (!/^\d{8}$/.test(ds)) return ds;
    return ds.slice(0, 4) + "-" + ds.slice(4, 6) + "-" + ds.slice(6, 8) + (t ? " " + ts.slice(0, 2) + ":" + ts.slice(2, 4) : "");
  }
  function toFen(text) {
    const s = String(text || "").trim().replace(/^¥/, "");
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
    const fen = Math.round(Number(s) * 100);
    return fen > 0 ? fen : null;
  }
  function el(tag, cls, txt) { const e = document.createElement(tag); if (cls) e.className = cls; if (txt != null) e.textContent = txt; return e; }
  function bi(zh, en) { const f = document.createDocumentFragment(); f.append(el("span", "zh", zh), el("span", "en", en)); return f; }

  // ---- screens
  function show(name) {
    current = name;
    document.querySelectorAll(".screen").forEach((s) => s.classList.toggle("current", s.id === "screen-" + name));
    const input = document.querySelector("#screen-" + name + " input");
    if (input) { input.value = ""; input.focus(); }
    touched();
  }
  function home() { retry = null; show("home"); }
  // a touch, a key or an agent event restarts the idle time; once it is up, the citizen has gone: back to the start
  function touched() {
    clearTimeout(homeTimer);
    if (current !== "home") homeTimer = setTimeout(idle, IDLE_MS);
  }
  function idle() {
    if (current === "payTap" || current === "loadTap") api("POST", "/api/cancel").catch(() => {});
    pay = {}; loadFen = 0;
    clearCitizen();
    const load = $("loadAmount"); if (load) load.value = "";
    home();
  }
  // every panel that holds a citizen's data (name, number, balance, records, social security, receipts) emptied:
  // on card removal, when another card comes and after the idle time, nothing of the last holder stays in the page
  function clearCitizen() {
    document.querySelectorAll("[data-field]").forEach((e) => { e.textContent = "-"; });
    document.querySelectorAll("table.log tbody").forEach((e) => { e.innerHTML = ""; });
    ["social", "receipt", "loadReceipt"].forEach((id) => { const e = $(id); if (e) e.innerHTML = ""; });
    const pin = $("pin"); if (pin) pin.value = "";
    // a bill number and amount stay only while the citizen is typing them
    if (current !== "payBill" && current !== "payAmount") {
      ["payee", "amount"].forEach((id) => { const e = $(id); if (e) e.value = ""; });
    }
    // what a payment or load to be tapped shows stays while it waits for the card
    if (current !== "payTap" && current !== "loadTap") {
      ["payAmountShown", "payToZh", "payToEn", "loadAmountShown"].forEach((id) => { const e = $(id); if (e) e.textContent = "-"; });
    }
  }
  function fill(screen, d) {
    document.querySelectorAll("#screen-" + screen + " [data-field]").forEach((e) => {
      const f = e.dataset.field, v = d[f];
      if (v === undefined) return;
      e.textContent = f === "balance" || f === "amount" ? yuan(v) : v;
    });
    const tb = document.querySelector("#screen-" + screen + " table.log tbody");
    if (tb && d.log) {
      tb.innerHTML = "";
      d.log.forEach((x) => {
        const t = txTypes[x.type] || { zh: x.typeName || x.type, en: "" };
        const tr = el("tr");
        tr.append(el("td", null, when(x.date, x.time)));
        const td = el("td"); td.append(bi(t.zh, t.en)); tr.append(td);
        tr.append(el("td", "num", yuan(x.amount)));
        tb.append(tr);
      });
    }
  }
  function facts(dl, rows) {
    dl.innerHTML = "";
    rows.forEach(([zh, en, v]) => { const dt = el("dt"); dt.append(bi(zh, en)); dl.append(dt, el("dd", null, v)); });
  }

  // ---- plain language for an event that went wrong
  function msg(code, x) {
    const m = messages[code];
    if (!m) return null;
    const sub = (s) => s.replace("{x}", x == null ? "" : x);
    return { zh: sub(m.zh), en: sub(m.en), retry: m.retry };
  }
  function plain(type, d) {
    let m = null;
    if (d.message) m = msg(d.message);
    if (!m && d.sw) m = /^63C/i.test(d.sw) ? msg(d.triesLeft > 0 ? "63C0" : "6983", d.triesLeft) : msg(String(d.sw).toUpperCase());
    if (!m && d.responseCode && d.responseCode !== "00") m = msg("R" + d.responseCode + "_");
    if (!m && type === "blocked") m = msg("BLKD");
    if (!m && type === "hotlisted") m = msg("R41_");
    if (!m && type === "loadRefused") m = msg("LOAD");
    if (!m && d.kind === "lost") m = msg("LOST");
    return m || msg("TERM") || { zh: "终端故障，请稍后再试", en: "The terminal has a problem. Please try later.", retry: true };
  }
  function problem(m, again) {
    $("problemZh").textContent = m.zh; $("problemEn").textContent = m.en;
    retry = m.retry ? again : null;
    $("retryBtn").classList.toggle("hidden", !retry);
    show("problem");
  }

  // ---- host status and the out-of-service screen
  function renderStatus() {
    const s = $("hostStatus");
    let zh, en, cls;
    if (!agentUp) { zh = "终端连接中断"; en = "Terminal not answering"; cls = "down"; }
    else if (host.reachable === false) { zh = "中心未连接"; en = "CityCard centre not reachable"; cls = "down"; }
    else if (host.reachable === true) { zh = "服务正常"; en = "In service"; cls = "ok"; }
    else { zh = "正在连接…"; en = "Connecting…"; cls = "unknown"; }
    s.className = "status " + cls; $("hostZh").textContent = zh; $("hostEn").textContent = en;
    const down = !agentUp || host.reachable === false;
    $("outOfService").classList.toggle("hidden", !down);
    if (down) {
      let m;
      if (!agentUp) m = { zh: "本机终端程序没有响应，请到服务网点办理", en: "This terminal is not answering. Please go to a service counter." };
      else m = (host.responseCode && msg("R" + host.responseCode + "_")) || msg("HOST") || { zh: "暂时连不上市民卡中心", en: "The CityCard centre cannot be reached right now." };
      $("oosZh").textContent = m.zh; $("oosEn").textContent = m.en;
    }
  }
  function renderSim(sim) {
    $("simBar").classList.toggle("hidden", !sim);
    if (sim) $("simState").textContent = sim.present ? "卡在读卡器上 · card on the reader" : "读卡器空 · reader empty";
  }
  // the token this page was served with: the agent takes no state-changing call without it
  const pageToken = (document.querySelector("meta[name='citycard-page-token']") || {}).content || "";
  async function api(method, path, body) {
    const headers = { "Content-Type": "application/json" };
    if (method !== "GET") headers["X-CityCard-Page-Token"] = pageToken;
    const r = await fetch(path, { method, headers, body: method === "GET" ? undefined : JSON.stringify(body || {}) });
    const j = await r.json();
    if (!r.ok) { const e = new Error(j.error || String(r.status)); e.status = r.status; e.body = j; throw e; }
    return j;
  }
  async function refreshStatus() {
    try {
      const s = await api("GET", "/api/status");
      host = s.host || host; renderSim(s.sim);
    } catch (e) { /* the socket tells whether the agent is there */ }
    renderStatus();
  }

  // ---- agent events
  function onEvent(e) {
    const d = e.data || {};
    if (!["host", "lists", "reader", "idle"].includes(e.type)) touched();
    switch (e.type) {
      case "host": host = { reachable: d.reachable, responseCode: d.responseCode }; renderStatus(); break;
      case "card": clearArmTimer(); clearCitizen(); show("reading"); break;
      case "armed":
        // the agent forgets an armed payment or load after expiresInMs: ask it then, it says armExpired
        clearArmTimer();
        if (d.expiresInMs > 0) armTimer = setTimeout(refreshStatus, Number(d.expiresInMs) + 250);
        break;
      case "armExpired":
        clearArmTimer();
        if (current === "payTap" || current === "loadTap") {
          problem({ zh: d.zh || "刷卡时间已过，请重新开始", en: d.en || "The time to tap the card is up. Please start again.", retry: true }, again());
        }
        break;
      case "balance": {
        fill("balance", d);
        const t = msg("PINT") || { zh: "输入密码超时", en: "The time to enter the PIN is up." };
        if (d.pinTimedOut) problem({ zh: t.zh + "，请把卡拿开再刷一次", en: t.en + " Lift the card and tap again.", retry: false }, null);
        else show("balance");
        break;
      }
      case "pin": show("pin"); break;
      case "pinRetry": {
        const m = (d.why === "timeout" ? msg("PINT") : msg("63C0", d.triesLeft)) || { zh: "请重新输入密码", en: "Please enter the PIN again." };
        problem({ zh: m.zh, en: m.en, retry: true }, () => show("pin"));
        break;
      }
      case "identity": {
        fill("identity", d);
        renderSocial(d.socialSecurity);
        show("identity"); break;
      }
      case "receipt":
        facts($("receipt"), [
          ["金额", "Amount", yuan(d.amount)], ["卡内余额", "Balance now", yuan(d.balance)],
          ["缴费单位", "Paid to", pay.name || d.department], ["账单号", "Bill number", d.payee],
          ["时间", "Time", when(d.date, d.time)], ["卡号", "Card", d.asn], ["交易凭证", "Proof (TAC)", d.tac]]
          .concat(d.fare ? [["票价", "Fare", (msg(d.fare) || { zh: d.fareZh }).zh + " · " + (msg(d.fare) || { en: d.fareEn }).en
            + (d.fullFare !== undefined && d.fullFare !== d.amount ? " (" + yuan(d.fullFare) + ")" : "")]] : [])
          .concat(d.warning ? [["提示", "Note", (msg(d.warning) || { zh: d.warningZh, en: d.warningEn }).zh + " · " + (msg(d.warning) || { en: d.warningEn }).en]] : []));
        pay = {}; show("receipt"); break;
      case "loaded":
        facts($("loadReceipt"), [["充值金额", "Loaded", yuan(d.amount)], ["卡内余额", "Balance now", yuan(d.balance)], ["卡号", "Card", d.asn]]);
        loadFen = 0; show("loaded"); break;
      case "loadRefused": case "hotlisted": case "blocked": case "error":
        problem(plain(e.type, d), again()); break;
      case "removed":
        // the card is out: its holder's panels go; a payment or load being entered (no card yet), or one refused
        // that the citizen may try again, stays
        clearCitizen();
        // (already at the start: left as it is, so an amount being typed at the counter stays)
        if (!(current === "home" || PAY_STEPS.includes(current) || (current === "problem" && (pay.amount || loadFen)))) home();
        refreshStatus(); break;
      case "reader": refreshStatus(); break;
      default: break;
    }
  }
  function noPinWanted(b) {
    const en = (b && b.error) || "no card is waiting for a PIN: tap your card and type the PIN when the terminal asks for it";
    return { zh: (b && b.zh) || "现在没有卡在等待密码；请先刷卡，看到提示后再输入密码", en: en.charAt(0).toUpperCase() + en.slice(1) + ".", retry: false };
  }
  function clearArmTimer() { clearTimeout(armTimer); armTimer = null; }
  // what "try again" does after a refusal: the same payment or load armed again, else a new tap
  function again() {
    if (page === "kiosk" && pay.amount) return () => armPay();
    if (page === "counter" && loadFen) return () => armLoad();
    return () => home();
  }
  function renderSocial(s) {
    const box = $("social"); if (!box) return;
    box.innerHTML = "";
    const keys = Object.keys(s || {});
    if (s && s.unavailable) { box.append(bi("社保信息暂时查不到", "Social security details are not available now")); return; }
    if (keys.length === 0) return;
    const dl = el("dl", "facts");
    keys.forEach((k) => { const v = s[k]; dl.append(el("dt", null, k), el("dd", null, typeof v === "object" ? JSON.stringify(v) : String(v))); });
    box.append(dl);
  }
  function connect() {
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    ws.onopen = () => { agentUp = true; loadMessages(); refreshStatus(); };
    ws.onclose = () => { agentUp = false; renderStatus(); setTimeout(connect, 1000); };
    ws.onmessage = (m) => onEvent(JSON.parse(m.data));
  }
  async function loadMessages() {
    try { const j = await api("GET", "/api/messages"); messages = j.messages; txTypes = j.transactionTypes; } catch (e) { /* retried on reconnect */ }
  }

  // ---- the kiosk's bill payment, one step at a time
  async function loadDepartments() {
    const box = $("departments");
    const deps = await api("GET", "/api/departments");
    box.innerHTML = "";
    deps.forEach((d) => {
      const b = el("button", "secondary"); b.dataset.code = d.code; b.append(bi(d.zh, d.en));
      b.onclick = () => { pay = { department: d.code, category: d.category, name: d.zh + " " + d.en }; show("payBill"); };
      box.append(b);
    });
  }
  async function armPay() {
    try {
      await api("POST", "/api/pay", { department: pay.department, category: pay.category, payee: pay.payee, amount: pay.amount });
      $("payAmountShown").textContent = yuan(pay.amount);
      $("payToZh").textContent = "缴费给 " + pay.name.split(" ")[0] + "，账单号 " + pay.payee;
      $("payToEn").textContent = "To " + pay.name.split(" ").slice(1).join(" ") + ", bill " + pay.payee;
      show("payTap");
    } catch (e) { problem({ zh: "缴费信息有误，请重新输入", en: "Something in the payment is not right. Please enter it again.", retry: true }, () => show("payAmount")); }
  }
  async function armLoad() {
    try {
      await api("POST", "/api/load", { amount: loadFen });
      $("loadAmountShown").textContent = yuan(loadFen);
      show("loadTap");
    } catch (e) { problem({ zh: "金额有误，请重新输入", en: "The amount is not right. Please enter it again.", retry: true }, home); }
  }
  function amountError(on) {
    const e = $("amountError");
    e.classList.toggle("hidden", !on);
    e.innerHTML = ""; e.append(bi("请输入金额，例如 12.50", "Enter an amount, for example 12.50"));
  }
  function keypad() {
    const pad = $("keypad"); if (!pad) return;
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "✓"].forEach((k) => {
      const b = el("button", k === "✓" ? "" : "secondary", k);
      b.type = "button";
      b.setAttribute("aria-label", k === "⌫" ? "删除 Delete" : k === "✓" ? "确认 OK" : k);
      b.onclick = () => { const p = $("pin"); if (k === "⌫") p.value = p.value.slice(0, -1); else if (k === "✓") $("pinOk").click(); else if (p.value.length < 12) p.value += k; p.focus(); };
      pad.append(b);
    });
  }

  window.addEventListener("load", () => {
    connect();
    setInterval(refreshStatus, 5000);
    document.querySelectorAll("button.done").forEach((b) => (b.onclick = home));
    document.querySelectorAll("button.back").forEach((b) => (b.onclick = () => {
      show({ payDept: "home", payBill: "payDept", payAmount: "payBill" }[current] || "home");
    }));
    $("retryBtn").onclick = () => { const r = retry; retry = null; (r || home)(); };
    $("simRemove").onclick = () => api("POST", "/api/sim/remove").then((s) => renderSim(s)).catch(() => {});
    $("simInsert").onclick = () => api("POST", "/api/sim/insert").then((s) => renderSim(s)).catch(() => {});
    $("cancelBtn").onclick = () => { api("POST", "/api/cancel").catch(() => {}); pay = {}; loadFen = 0; home(); };
    if (page === "kiosk") {
      keypad();
      loadDepartments().catch(() => {});
      $("payStart").onclick = () => { pay = {}; show("payDept"); };
      $("billNext").onclick = () => { const v = $("payee").value.trim(); if (!v) { $("payee").focus(); return; } pay.payee = v; show("payAmount"); };
      $("payee").onkeydown = (e) => { if (e.key === "Enter") $("billNext").click(); };
      $("payBtn").onclick = () => { const fen = toFen($("amount").value); amountError(fen == null); if (fen != null) { pay.amount = fen; armPay(); } };
      $("amount").onkeydown = (e) => { if (e.key === "Enter") $("payBtn").click(); };
      $("pinOk").onclick = async () => {
        const p = $("pin").value; $("pin").value = "";
        if (!/^\d{4,12}$/.test(p)) { problem(msg("6700") || { zh: "密码应为 4 至 12 位数字", en: "A PIN has 4 to 12 digits.", retry: true }, () => show("pin")); return; }
        show("reading"); // before the answer: the card's verdict may come over /ws before the POST returns
        try { await api("POST", "/api/pin", { pin: p }); } catch (e) {
          // 409: no card waits for a PIN (it was not kept): the citizen taps again and types it when asked
          if (e.status === 409) problem(noPinWanted(e.body), null);
          else problem(msg("TERM"), () => show("pin"));
        }
      };
      $("pin").onkeydown = (e) => { if (e.key === "Enter") $("pinOk").click(); };
      $("pinCancel").onclick = () => { api("POST", "/api/pin/cancel").catch(() => {}); show("balance"); };
    } else {
      $("loadBtn").onclick = () => { const fen = toFen($("loadAmount").value); amountError(fen == null); if (fen != null) { loadFen = fen; armLoad(); } };
      $("loadAmount").onkeydown = (e) => { if (e.key === "Enter") $("loadBtn").click(); };
    }
    ["pointerdown", "keydown"].forEach((t) => document.addEventListener(t, touched, true));
    show("home");
    renderStatus();
  });
})();
