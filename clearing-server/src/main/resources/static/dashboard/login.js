"use strict";
(async () => {
  const params = new URLSearchParams(location.search);
  const msg = document.getElementById("message");
  if (params.has("error")) { msg.textContent = "用户名或密码错误 · Wrong user name or password"; msg.hidden = false; }
  if (params.has("bye")) { msg.textContent = "已退出 · Signed out"; msg.hidden = false; }
  const r = await fetch("/dashboard/csrf", { credentials: "same-origin" });
  const t = await r.json();
  const input = document.getElementById("csrf");
  input.name = t.parameterName;
  input.value = t.token;
})();
