"use strict";
// The clearing dashboard: reads /dashboard/api/* and draws its charts as SVG by hand (no chart library needed).
(() => {
  const $ = (id) => document.getElementById(id);
  const yuan = (fen) => (fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const COLORS = ["#0f4c81", "#e07a1f", "#2e9c5b", "#b42318", "#7a4fb5", "#1c9bb8", "#a6761d", "#d63c8c", "#5b6b7c", "#8c9a2b"];
  const SVG = "http://www.w3.org/2000/svg";
  let csrf = null;

  async function get(path) {
    const r = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (r.status === 401 || r.redirected) { location.href = "/dashboard/login.html"; throw new Error("signed out"); }
    if (!r.ok) throw new Error(path + ": " + r.status);
    return r.json();
  }
  function el(name, attrs, text) {
    const e = document.createElementNS(SVG, name);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function row(table, cells) {
    const tr = document.createElement("tr");
    cells.forEach((c) => {
      const td = document.createElement("td");
      if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? "" : c;
      if (typeof c === "number" || (typeof c === "string" && /^[\d,.]+$/.test(c))) td.className = "num";
      tr.appendChild(td);
    });
    $(table).querySelector("tbody").appendChild(tr);
  }
  function day(d) { return d.slice(4, 6) + "-" + d.slice(6); }

  /** Stacked bars: one bar per day, one segment per department. */
  function stacked(target, days, departments, values, color) {
    const W = 900, H = 260, L = 60, B = 30, T = 10;
    const totals = days.map((d) => departments.reduce((s, dep) => s + (values[d + "/" + dep.code] || 0), 0));
    const max = Math.max(1, ...totals);
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, "data-chart": "amounts" });
    const bw = (W - L - 10) / days.length;
    for (let i = 0; i <= 4; i++) {
      const y = T + (H - T - B) * (1 - i / 4);
      svg.appendChild(el("line", { x1: L, x2: W - 10, y1: y, y2: y, stroke: "#e5e9ef" }));
      svg.appendChild(el("text", { x: L - 6, y: y + 4, "text-anchor": "end" }, yuan((max * i) / 4)));
    }
    days.forEach((d, i) => {
      let y = H - B;
      departments.forEach((dep, j) => {
        const v = values[d + "/" + dep.code] || 0;
        if (!v) return;
        const h = ((H - T - B) * v) / max;
        y -= h;
        const r = el("rect", { x: L + i * bw + 3, y, width: Math.max(1, bw - 6), height: h, fill: color(j), class: "bar",
          "data-day": d, "data-department": dep.code, "data-value": v });
        r.appendChild(el("title", {}, `${d} ${dep.name} (${dep.code}): ${yuan(v)} 元`));
        svg.appendChild(r);
      });
      svg.appendChild(el("text", { x: L + i * bw + bw / 2, y: H - 10, "text-anchor": "middle" }, day(d)));
    });
    $(target).replaceChildren(svg);
  }

  /** Horizontal bars: today's count per department. */
  function bars(target, items) {
    const W = 900, rowH = 22, L = 220;
    const H = Math.max(40, items.length * rowH + 10);
    const max = Math.max(1, ...items.map((i) => i.value));
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, "data-chart": "today" });
    if (items.length === 0) svg.appendChild(el("text", { x: 10, y: 24 }, "今日暂无交易 · No purchases today yet"));
    items.forEach((it, i) => {
      const y = 5 + i * rowH;
      svg.appendChild(el("text", { x: L - 8, y: y + 14, "text-anchor": "end" }, it.label));
      const w = ((W - L - 80) * it.value) / max;
      const r = el("rect", { x: L, y, width: Math.max(1, w), height: rowH - 6, fill: it.color, class: "bar", "data-department": it.code, "data-value": it.value });
      r.appendChild(el("title", {}, `${it.label}: ${it.value}`));
      svg.appendChild(r);
      svg.appendChild(el("text", { x: L + w + 6, y: y + 14 }, String(it.value)));
    });
    $(target).replaceChildren(svg);
  }

  async function volumes() {
    const v = await get("/dashboard/api/volumes?days=14");
    $("today").textContent = v.today;
    const seen = new Set(v.rows.map((r) => r.departmentCode));
    const deps = v.departments.filter((d) => seen.has(d.code));
    const color = (j) => COLORS[j % COLORS.length];
    const amounts = {};
    v.rows.forEach((r) => { amounts[r.businessDate + "/" + r.departmentCode] = r.amount; });
    stacked("amountChart", v.days, deps, amounts, color);
    $("legend").replaceChildren(...deps.map((d, j) => {
      const s = document.createElement("span");
      const i = document.createElement("i"); i.style.background = color(j);
      s.append(i, `${d.name} (${d.code})`);
      return s;
    }));
    const today = v.rows.filter((r) => r.businessDate === v.today);
    $("todayCount").textContent = today.reduce((s, r) => s + r.count, 0).toLocaleString("zh-CN");
    $("todayAmount").textContent = yuan(today.reduce((s, r) => s + r.amount, 0)) + " 元";
    bars("todayChart", today.map((r) => {
      const j = deps.findIndex((d) => d.code === r.departmentCode);
      return { code: r.departmentCode, label: `${(deps[j] || {}).name || ""} (${r.departmentCode})`, value: r.count, color: color(j) };
    }));
  }

  async function settlements() {
    const days = await get("/dashboard/api/settlements");
    $("settlements").querySelector("tbody").replaceChildren();
    days.forEach((d) => row("settlements", [d.businessDate, d.purchaseCount, yuan(d.gross), yuan(d.fee), yuan(d.net), d.paymentCount, d.closedBy]));
  }

  async function files() {
    const list = await get("/dashboard/api/files");
    $("files").querySelector("tbody").replaceChildren();
    list.forEach((f) => {
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
      row("files", [f.businessDate, `${f.bankName} ${f.bankCode}`, f.messageId, f.txCount, yuan(f.ctrlSum), status, links]);
    });
  }

  async function quarantine() {
    const list = await get("/dashboard/api/quarantine?limit=50");
    $("quarantineCount").textContent = list.filter((q) => q.status === "HELD" || q.status === "QUARANTINED").length;
    $("quarantine").querySelector("tbody").replaceChildren();
    list.forEach((q) => row("quarantine", [q.id, q.businessDate, `${q.reason} ${q.reasonZh} · ${q.reasonEn}`, q.status, q.asn, q.terminalId,
      q.amount === null ? "" : yuan(q.amount), q.detail]));
  }

  async function refresh() {
    await Promise.all([volumes(), settlements(), files(), quarantine()]);
    document.body.dataset.loaded = "true";
  }

  window.addEventListener("load", async () => {
    const me = await get("/dashboard/api/me");
    $("user").textContent = me.user;
    const t = await get("/dashboard/csrf");
    csrf = t;
    $("logoutCsrf").name = t.parameterName; $("logoutCsrf").value = t.token;
    if (me.admin) {
      $("closeBox").hidden = false;
      $("closeBtn").onclick = async () => {
        const date = $("closeDate").value.trim();
        const r = await fetch(`/dashboard/api/days/${encodeURIComponent(date)}/close`, {
          method: "POST", credentials: "same-origin", headers: { [csrf.headerName]: csrf.token, Accept: "application/json" } });
        const body = await r.json().catch(() => ({}));
        $("closeMsg").textContent = r.ok ? `已日结 closed: ${body.paymentCount} 笔付款 payments` : `失败 failed: ${body.rule || body.error || r.status}`;
        refresh();
      };
    }
    await refresh();
    setInterval(refresh, 30000);
  });
})();
