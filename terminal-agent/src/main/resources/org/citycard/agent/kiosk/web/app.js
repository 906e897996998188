// CityCard kiosk and counter pages: actions through the JSON API, events live over /ws.
(function () {
  const $ = (id) => document.getElementById(id);
  const page = document.body.dataset.page;
  const yuan = (fen) => (Number(fen) / 100).toFixed(2) + " 元";
  const show = (id, on) => { const e = $(id); if (e) e.classList.toggle("hidden", !on); };
  const text = (id, v) => { const e = $(id); if (e) e.textContent = v; };

  function prompt(zh, en) { text("promptZh", zh); text("promptEn", en); }
  function message(kind, zh, en) {
    const m = $("message"); if (!m) return;
    m.className = "panel " + kind; m.textContent = zh + " · " + en; m.id = "message";
  }
  async function api(method, path, body) {
    const r = await fetch(path, { method, headers: { "Content-Type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    const j = await r.json();
    if (!r.ok) throw new Error(j.error || r.status);
    return j;
  }
  function renderLog(log) {
    const tb = document.querySelector("#log tbody"); if (!tb) return;
    tb.innerHTML = "";
    (log || []).forEach((e) => {
      const tr = document.createElement("tr");
      [e.date + " " + e.time, e.typeName, yuan(e.amount), e.terminal].forEach((v) => {
        const td = document.createElement("td"); td.textContent = v; tr.appendChild(td);
      });
      tb.appendChild(tr);
    });
  }
  function renderSocial(s) {
    const keys = Object.keys(s || {});
    if (keys.length === 0) { text("social", "暂无数据 · No data from the clearing server"); return; }
    if (s.unavailable) { text("social", "暂不可用 · Not available now"); return; }
    text("social", keys.map((k) => k + ": " + (typeof s[k] === "object" ? JSON.stringify(s[k]) : s[k])).join("\n"));
  }
  function onEvent(e) {
    const d = e.data || {};
    switch (e.type) {
      case "armed": prompt("请刷卡", "Tap your card"); show("message", false); break;
      case "card": text("asn", d.asn); show("receiptPanel", false); show("message", false); prompt("读卡中…", "Reading the card…"); break;
      case "balance":
        show("cardPanel", true); text("asn", d.asn); text("balance", yuan(d.balance)); renderLog(d.log);
        prompt("余额 " + yuan(d.balance), "Balance " + (d.balance / 100).toFixed(2) + " CNY"); break;
      case "pin": show("pinPanel", true); prompt("请输入密码", "Enter your PIN"); break;
      case "identity":
        show("pinPanel", false); show("cardPanel", true); text("holder", d.name); text("ssn", d.number);
        text("balance", yuan(d.balance)); renderLog(d.log);
        renderSocial(d.socialSecurity); prompt("欢迎", "Welcome"); break;
      case "receipt": {
        show("receiptPanel", true); show("cardPanel", true); text("balance", yuan(d.balance));
        const dl = $("receipt");
        if (dl) {
          dl.innerHTML = "";
          [["卡号 Card", d.asn], ["部门 Department", d.department], ["账单号 Bill", d.payee], ["金额 Amount", yuan(d.amount)],
           ["余额 Balance", yuan(d.balance)], ["时间 Time", d.date + " " + d.time], ["TAC", d.tac], ["流水 Seq", d.seq + " / " + d.ttsn]]
            .forEach(([k, v]) => { const dt = document.createElement("dt"); dt.textContent = k; const dd = document.createElement("dd"); dd.textContent = v; dl.append(dt, dd); });
        }
        message("ok", "支付成功", "Paid"); prompt("支付成功", "Payment done"); break;
      }
      case "loaded": show("cardPanel", true); text("asn", d.asn); text("balance", yuan(d.balance)); message("ok", "圈存成功 " + yuan(d.amount), "Loaded"); prompt("圈存成功", "Loaded"); break;
      case "loadRefused": message("error", "圈存未完成", d.en); break;
      case "hotlisted": case "blocked": message("error", d.zh, d.en); prompt(d.zh, d.en); break;
      case "error": message("error", d.zh || "错误", d.en || "Error"); prompt(d.zh || "错误", d.en || "Error"); show("pinPanel", false); break;
      case "removed": prompt("请刷卡", "Tap your card"); break;
      default: break;
    }
  }
  function connect() {
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    ws.onopen = () => text("conn", "已连接 connected");
    ws.onclose = () => { text("conn", "连接中断 reconnecting…"); setTimeout(connect, 1000); };
    ws.onmessage = (m) => onEvent(JSON.parse(m.data));
  }
  async function loadDepartments() {
    const sel = $("department"); if (!sel) return;
    const deps = await api("GET", "/api/departments");
    deps.forEach((d) => { const o = document.createElement("option"); o.value = d.code; o.dataset.category = d.category; o.textContent = d.zh + " " + d.en + " (" + d.code + ")"; sel.appendChild(o); });
  }
  window.addEventListener("load", () => {
    connect();
    if (page === "kiosk") {
      loadDepartments();
      $("payBtn").onclick = async () => {
        const o = $("department").selectedOptions[0];
        try {
          await api("POST", "/api/pay", { department: o.value, category: o.dataset.category, payee: $("payee").value, amount: Math.round(Number($("amount").value) * 100) });
          prompt("请刷卡支付 " + Number($("amount").value).toFixed(2) + " 元", "Tap your card to pay");
        } catch (e) { message("error", "输入有误", e.message); }
      };
      $("pinOk").onclick = async () => { try { await api("POST", "/api/pin", { pin: $("pin").value }); } catch (e) { message("error", "密码格式错误", e.message); } $("pin").value = ""; };
    } else {
      $("loadBtn").onclick = async () => {
        try { await api("POST", "/api/load", { amount: Math.round(Number($("loadAmount").value) * 100) }); prompt("请刷卡圈存", "Tap your card to load"); }
        catch (e) { message("error", "输入有误", e.message); }
      };
    }
    $("cancelBtn").onclick = () => api("POST", "/api/cancel");
  });
})();
