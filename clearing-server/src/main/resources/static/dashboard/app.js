"use strict";
// The clearing dashboard: reads /dashboard/api/* and draws its charts with Apache ECharts (served by the server).
(() => {
  const $ = (id) => document.getElementById(id);
  const yuan = (fen) => "¥" + (fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const dayLabel = (d) => d ? d.slice(0, 4) + "-" + d.slice(4, 6) + "-" + d.slice(6) : "";
  let csrf = null;
  let selectedDay = null; // the day picker's business day
  const charts = {};

  /** A failed request as a person reads it: what was wrong and how to fix it, never just "Bad Request". */
  function explain(status, body) {
    if (body && body.field) return `${body.field} = ${body.value === null || body.value === undefined ? "—" : body.value}: ${body.rule || body.error}`;
    if (body && body.error && body.error !== "Bad Request") return body.error;
    if (status === 403) return "没有权限（需要管理员）· Not allowed: this needs an administrator";
    if (status === 404) return "没有找到 · Not found";
    if (status >= 500) return "服务器出错，请查看服务器日志 · The server failed; see its log";
    return "请求未完成 · The request did not go through (HTTP " + status + ")";
  }
  async function get(path) {
    const r = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (r.status === 401 || r.redirected) { location.href = "/dashboard/login.html"; throw new Error("signed out"); }
    const body = await r.json().catch(() => null);
    if (!r.ok) throw new Error(explain(r.status, body));
    return body;
  }
  function row(table, cells) {
    const tr = document.createElement("tr");
    cells.forEach((c) => {
      const td = document.createElement("td");
      if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? "" : c;
      if (typeof c === "number" || (typeof c === "string" && /^[¥\d,.%]+$/.test(c))) td.className = "num";
      tr.appendChild(td);
    });
    $(table).querySelector("tbody").appendChild(tr);
    return tr;
  }
  function chart(id) {
    if (!charts[id]) { charts[id] = echarts.init($(id)); window.addEventListener("resize", () => charts[id].resize()); }
    return charts[id];
  }

  /** Stacked bars per day and department, with tooltips, round ticks and a date-range slider. */
  function perDay(id, v, deps, value, money) {
    const series = deps.map((d) => ({
      name: `${d.name} (${d.code})`, type: "bar", stack: "total", id: d.code,
      data: v.days.map((day) => { const r = v.rows.find((x) => x.businessDate === day && x.departmentCode === d.code); return r ? value(r) : 0; }),
      emphasis: { focus: "series" },
    }));
    chart(id).setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" },
        valueFormatter: (x) => money ? yuan(Math.round(x * 100)) : String(x) },
      legend: { type: "scroll", top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 56, containLabel: true },
      xAxis: { type: "category", data: v.days.map(dayLabel) },
      yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (x) => money ? "¥" + x.toLocaleString("zh-CN") : x.toLocaleString("zh-CN") } },
      dataZoom: [{ type: "slider", bottom: 8, height: 20 }, { type: "inside" }],
      series,
    }, true);
  }

  async function volumes() {
    const days = $("range").value;
    const v = await get(`/dashboard/api/volumes?days=${days}` + (selectedDay ? `&to=${selectedDay}` : ""));
    $("today").textContent = dayLabel(v.today);
    if (!selectedDay) {
      // "today" is the latest business day that has purchases, not the empty day that opened after a close
      selectedDay = v.lastDayWithData || v.today;
      return volumes();
    }
    const picker = $("dayPicker");
    if (!picker.options.length) {
      const first = new Date(+v.today.slice(0, 4), +v.today.slice(4, 6) - 1, +v.today.slice(6));
      for (let i = 0; i < 92; i++) {
        const d = new Date(first); d.setDate(first.getDate() - i);
        const s = d.getFullYear() + String(d.getMonth() + 1).padStart(2, "0") + String(d.getDate()).padStart(2, "0");
        const o = document.createElement("option"); o.value = s;
        o.textContent = dayLabel(s) + (s === v.lastDayWithData ? " · 最近有交易 latest with data" : s === v.today ? " · 当前 open" : "");
        picker.appendChild(o);
      }
    }
    picker.value = selectedDay;
    const seen = new Set(v.rows.map((r) => r.departmentCode));
    const deps = v.departments.filter((d) => seen.has(d.code));
    perDay("amountChart", v, deps, (r) => r.amount / 100, true);
    perDay("countChart", v, deps, (r) => r.count, false);
    const onDay = v.rows.filter((r) => r.businessDate === selectedDay);
    $("todayCount").textContent = onDay.reduce((s, r) => s + r.count, 0).toLocaleString("zh-CN");
    $("todayAmount").textContent = yuan(onDay.reduce((s, r) => s + r.amount, 0));
    const name = (code) => `${(v.departments.find((d) => d.code === code) || {}).name || ""} (${code})`;
    chart("todayChart").setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: onDay.map((r) => name(r.departmentCode)) },
      series: [{ type: "bar", name: "笔数 purchases", data: onDay.map((r) => r.count), ids: onDay.map((r) => r.departmentCode), label: { show: true, position: "right" } }],
      graphic: onDay.length ? [] : [{ type: "text", left: "center", top: "middle", style: { text: "该日没有交易 · No purchases on this day", fontSize: 14 } }],
    }, true);
  }

  async function settlements() {
    const days = await get("/dashboard/api/settlements");
    $("settlements").querySelector("tbody").replaceChildren();
    days.forEach((d) => row("settlements", [dayLabel(d.businessDate), d.purchaseCount, yuan(d.gross), yuan(d.fee), yuan(d.net), d.paymentCount, d.closedBy]));
    const tb = $("deptSettlement").querySelector("tbody"); tb.replaceChildren();
    if (!days.some((d) => d.businessDate === selectedDay)) {
      $("deptSettlementNote").textContent = `${dayLabel(selectedDay)} 尚未日结 · not closed yet`;
      return;
    }
    const s = await get(`/dashboard/api/settlements/${selectedDay}`);
    const bankOf = {};
    for (const f of s.files) {
      const pays = await get(`/dashboard/api/files/${encodeURIComponent(f.messageId)}/payments`);
      pays.forEach((p) => { if (p.departmentCode) bankOf[p.departmentCode] = `${f.bankName} ${f.bankCode}`; });
    }
    s.departments.forEach((d) => row("deptSettlement", [d.departmentCode, bankOf[d.departmentCode] || "—", d.purchaseCount, yuan(d.gross),
      (d.feeRateBp / 100).toFixed(2) + "%", yuan(d.fee), yuan(d.net)]));
    const perRecord = s.departments.reduce((a, d) => a + d.recordFees, 0);
    $("deptSettlementNote").textContent = `按笔手续费合计（参考）· Fees per record, for reference: ${yuan(perRecord)}；付款所用手续费 · fee used for the payments: ${yuan(s.fee)}`;
  }

  async function files() {
    const list = await get("/dashboard/api/files");
    $("files").querySelector("tbody").replaceChildren();
    for (const f of list) {
      const links = document.createElement("span");
      [["pain.001.001.03-" + f.messageId + ".xml", "pain.001"], ["detail-" + f.messageId + ".txt", "明细 detail"],
       ["manifest-" + f.messageId + ".txt", "清单 manifest"], ["manifest-" + f.messageId + ".txt.p7s", "签名 signature"]].forEach(([name, label]) => {
        const a = document.createElement("a");
        a.href = `/dashboard/files/${encodeURIComponent(f.messageId)}/${encodeURIComponent(name)}`;
        a.textContent = label; a.className = "download"; a.setAttribute("download", name);
        links.append(a, " ");
      });
      const status = document.createElement("span");
      status.textContent = f.status; status.className = "status-" + f.status;
      row("files", [dayLabel(f.businessDate), `${f.bankName} ${f.bankCode}`, f.messageId, f.txCount, yuan(f.ctrlSum), status, links]);
      if (f.status !== "SENT" && f.status !== "ACCEPTED") {
        // a (partly) rejected file says which payment and why
        const pays = await get(`/dashboard/api/files/${encodeURIComponent(f.messageId)}/payments`);
        pays.filter((p) => p.status === "REJECTED").forEach((p) => {
          const tr = row("files", ["", "↳ " + (p.payeeName || p.departmentCode), p.endToEndId, "", yuan(p.amount), "REJECTED", p.reason || ""]);
          tr.className = "payment rejected";
        });
      }
    }
  }

  async function quarantine() {
    const open = await get("/dashboard/api/quarantine?limit=500&status=open");
    $("quarantineCount").textContent = open.length;
    const filter = $("quarantineFilter").value;
    const list = filter === "open" ? open.slice(0, 50) : await get(`/dashboard/api/quarantine?limit=50&status=${filter}`);
    $("quarantine").querySelector("tbody").replaceChildren();
    if (!list.length) row("quarantine", ["", "", "没有记录 · none", "", "", "", "", ""]);
    list.forEach((q) => row("quarantine", [q.id, dayLabel(q.businessDate), `${q.reason} ${q.reasonZh} · ${q.reasonEn}`, q.status, q.asn, q.terminalId,
      q.amount === null ? "" : yuan(q.amount), q.detail]));
  }

  async function refresh() {
    try {
      await volumes();
      await Promise.all([settlements(), files(), quarantine()]);
      $("pageError").hidden = true;
    } catch (e) {
      $("pageError").textContent = "看板未能更新 · The dashboard could not update: " + e.message; $("pageError").hidden = false;
    }
    document.body.dataset.loaded = "true";
  }

  /** A pending password change (initial or reset): only the change form, then the dashboard. */
  async function changePassword() {
    const t = await get("/dashboard/csrf");
    $("logoutCsrf").name = t.parameterName; $("logoutCsrf").value = t.token;
    document.querySelectorAll("main > section").forEach((s) => { s.hidden = s.id !== "changePassword"; });
    $("changeForm").onsubmit = async (ev) => {
      ev.preventDefault();
      const r = await fetch("/dashboard/api/me/password", {
        method: "POST", credentials: "same-origin",
        headers: { [t.headerName]: t.token, "Content-Type": "application/json", Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
        body: JSON.stringify({ current: $("pwCurrent").value, new: $("pwNew").value }) });
      $("pwCurrent").value = ""; $("pwNew").value = "";
      if (r.ok) { location.reload(); return; }
      const body = await r.json().catch(() => null);
      $("pwMsg").textContent = "未修改 · Not changed: " + explain(r.status, body); $("pwMsg").className = "message";
    };
    document.body.dataset.loaded = "true";
  }

  window.addEventListener("load", async () => {
    const first = await fetch("/dashboard/api/me", { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (first.status === 403) {
      const b = await first.json().catch(() => null);
      if (b && b.error === "password change required") { await changePassword(); return; }
    }
    const me = await get("/dashboard/api/me");
    $("user").textContent = me.user;
    const t = await get("/dashboard/csrf");
    csrf = t;
    $("logoutCsrf").name = t.parameterName; $("logoutCsrf").value = t.token;
    $("dayPicker").onchange = () => { selectedDay = $("dayPicker").value; document.body.dataset.loaded = "false"; refresh(); };
    $("range").onchange = () => { document.body.dataset.loaded = "false"; refresh(); };
    $("quarantineFilter").onchange = () => { document.body.dataset.loaded = "false"; refresh(); };
    if (me.admin) {
      $("closeBox").hidden = false;
      $("closeBtn").onclick = async () => {
        const date = $("closeDate").value.trim();
        const r = await fetch(`/dashboard/api/days/${encodeURIComponent(date)}/close`, {
          method: "POST", credentials: "same-origin", headers: { [csrf.headerName]: csrf.token, Accept: "application/json" } });
        const body = await r.json().catch(() => null);
        $("closeMsg").textContent = r.ok ? `已日结 · closed: ${body.paymentCount} 笔付款 payments` : `日结未完成 · not closed: ${explain(r.status, body)}`;
        $("closeMsg").className = r.ok ? "" : "message";
        refresh();
      };
    }
    await refresh();
    setInterval(refresh, 30000);
  });
})();
