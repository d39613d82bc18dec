// thidua's page: sends one field at a time, shows the loader's messages beside the field,
// and keeps the preview in step with the file. No framework, no network but this server.
"use strict";

const TOKEN = document.querySelector('meta[name="thidua-token"]').content;
const status = document.getElementById("status");

function say(text) { status.textContent = text; }

async function call(url, options = {}) {
  const headers = Object.assign({"x-thidua-token": TOKEN}, options.headers || {});
  const response = await fetch(url, Object.assign({}, options, {headers, credentials: "same-origin"}));
  const type = response.headers.get("content-type") || "";
  const body = await response.text();
  let data = {text: body};
  if (type.includes("application/json")) {
    try { data = JSON.parse(body); } catch (error) { data = {text: body}; console.error("thidua: " + url + ": " + error); }
  }
  return {status: response.status, data};
}

function post(url, body) {
  return call(url, {method: "POST", body: JSON.stringify(body), headers: {"content-type": "application/json"}});
}

function problemText(p) {
  return p.message + (p.hint ? " → " + p.hint : "");
}

// ---------- the plan page ----------
const plan = document.getElementById("plan");
if (plan) {
  const path = plan.dataset.file;
  let version = plan.dataset.version;
  let busy = 0;
  let pagesTimer = null;
  const banner = document.getElementById("banner");
  const quick = document.getElementById("quick");
  const pagesPanel = document.getElementById("pages");
  const yaml = document.getElementById("yaml");

  function showBanner(text) { banner.textContent = text; banner.hidden = !text; }
  const unsaved = sessionStorage.getItem("thidua-unsaved");
  if (unsaved) { showBanner(unsaved); sessionStorage.removeItem("thidua-unsaved"); }

  function clearMessages() {
    document.querySelectorAll(".msg[data-for]").forEach(m => { m.textContent = ""; m.className = "msg"; });
    document.querySelectorAll("[data-field].invalid").forEach(i => { i.classList.remove("invalid"); i.removeAttribute("aria-invalid"); });
    document.getElementById("other-problems").textContent = "";
    document.getElementById("yaml-msg").textContent = "";
  }

  function messageFor(field) {
    // the nearest input: the field itself, or the parent the message concerns
    let key = field;
    while (key) {
      const box = document.querySelector(`.msg[data-for="${CSS.escape(key)}"]`);
      if (box) return box;
      const cut = Math.max(key.lastIndexOf("."), key.lastIndexOf("["));
      key = cut > 0 ? key.slice(0, cut) : "";
    }
    return null;
  }

  function show(list, kind) {
    const others = [];
    for (const p of list) {
      const box = p.field ? messageFor(p.field) : null;
      const text = kind === "error" ? problemText(p) : p.message;
      if (box) {
        box.textContent = (box.textContent ? box.textContent + " " : "") + text;
        box.className = "msg " + kind;
        const input = document.querySelector(`[data-field="${CSS.escape(box.dataset.for)}"]`);
        if (input && kind === "error") { input.classList.add("invalid"); input.setAttribute("aria-invalid", "true"); }
      } else {
        others.push((p.line ? `dòng ${p.line}: ` : "") + text);
      }
    }
    if (others.length) {
      const box = document.getElementById("other-problems");
      box.textContent = (box.textContent ? box.textContent + "\n" : "") + others.join("\n");
      box.className = "msg " + kind;
    }
  }

  function refreshPages() {
    if (plan.dataset.libreoffice !== "yes") return;
    clearTimeout(pagesTimer);
    pagesTimer = setTimeout(async () => {
      const stamp = version;
      const {status: code, data} = await call(`/api/pages?path=${encodeURIComponent(path)}`, {method: "POST"});
      if (stamp !== version) return;  // an edit came in meanwhile: its own refresh follows
      if (code !== 200) { pagesPanel.textContent = "Chưa dựng được trang in: " + (data.problems || []).map(problemText).join("; "); return; }
      if (data.unavailable) { pagesPanel.textContent = data.unavailable; return; }
      pagesPanel.replaceChildren(...Array.from({length: data.count}, (_, i) => {
        const img = document.createElement("img");
        img.src = `/api/page/${data.key}/${i + 1}.png`;
        img.alt = `Trang ${i + 1} của văn bản`;
        img.className = "page";
        return img;
      }));
      pagesPanel.dataset.key = data.key;
    }, 100);  // edits come on change (leaving a field), not on every key: a short pause is enough
  }

  function applied(data) {
    version = data.version;
    plan.dataset.version = version;
    clearMessages();
    if (data.warnings) show(data.warnings, "warning");
    if (typeof data.html === "string") { quick.innerHTML = data.html; quick.dataset.version = version; }
    if (typeof data.text === "string" && document.activeElement !== yaml) yaml.value = data.text;
    refreshPages();
  }

  async function send(url, body, what) {
    busy++;
    say("Đang lưu…");
    try {
      const {status: code, data} = await post(url, Object.assign({path, version}, body));
      if (code === 200) { applied(data); say("Đã lưu " + what); return true; }
      if (code === 409) {
        sessionStorage.setItem("thidua-unsaved", data.message + ". Chưa ghi: " + what + ". Hãy nhập lại nếu vẫn cần.");
        location.reload();
        return false;
      }
      clearMessages();
      show(data.problems || [{message: data.text || "lỗi không rõ"}], "error");
      say("Chưa lưu: giá trị chưa hợp lệ (tệp giữ nguyên nội dung cũ)");
      return false;
    } finally { busy--; }
  }

  function valueOf(input) {
    if (input.type === "date") {
      if (!input.value) return "";
      const [y, m, d] = input.value.split("-");
      return `${d}/${m}/${y}`;
    }
    return input.value;
  }

  document.querySelectorAll("[data-path]").forEach(input => {
    input.addEventListener("change", () => {
      const label = document.querySelector(`label[for="${input.id}"]`);
      send("/api/edit", {changes: [{field: JSON.parse(input.dataset.path), value: valueOf(input)}]},
           `${label ? label.textContent : input.dataset.field}: ${valueOf(input)}`);
    });
  });

  document.getElementById("save-yaml").addEventListener("click", async () => {
    const ok = await send("/api/yaml", {text: yaml.value}, "nội dung YAML");
    if (ok) location.reload();
  });
  let yamlTimer = null;
  yaml.addEventListener("input", () => {
    clearTimeout(yamlTimer);
    yamlTimer = setTimeout(async () => {
      const {status: code, data} = await post("/api/yaml", {path, version, text: yaml.value, dry: true});
      const box = document.getElementById("yaml-msg");
      if (code === 200) { box.textContent = "Nội dung hợp lệ (chưa lưu)"; box.className = "msg ok"; }
      else if (data.problems) { box.textContent = data.problems.map(p => (p.line ? `dòng ${p.line}: ` : "") + problemText(p)).join("\n"); box.className = "msg error"; }
    }, 500);
  });

  // tabs
  const tabs = {quick: document.getElementById("tab-quick"), pages: document.getElementById("tab-pages")};
  for (const [name, tab] of Object.entries(tabs)) {
    tab.addEventListener("click", () => {
      for (const [other, t] of Object.entries(tabs)) {
        t.setAttribute("aria-selected", String(other === name));
        document.getElementById(other).hidden = other !== name;
      }
      if (name === "pages") refreshPages();
    });
  }

  // another tab, an editor or git changed the file: reload what the page shows
  setInterval(async () => {
    if (busy) return;
    const {status: code, data} = await call(`/api/plan?path=${encodeURIComponent(path)}`);
    if (code === 200 && data.version !== version && !busy) {
      sessionStorage.setItem("thidua-unsaved", "Tệp vừa được sửa ở nơi khác; trang đã đọc lại nội dung mới.");
      location.reload();
    }
  }, 2000);

  document.getElementById("new-year").addEventListener("click", async () => {
    const {status: code, data} = await post("/api/new-year", {path});
    const box = document.getElementById("side-result");
    if (code === 200) {
      box.innerHTML = "";
      const a = document.createElement("a");
      a.href = "/plan?path=" + encodeURIComponent(data.path);
      a.textContent = "Đã tạo kế hoạch năm mới: " + data.path;
      box.append(a);
      if (data.warnings.length) {
        const list = document.createElement("ul");
        for (const w of data.warnings) { const li = document.createElement("li"); li.textContent = (w.line ? `dòng ${w.line}: ` : "") + w.message; list.append(li); }
        const p = document.createElement("p"); p.textContent = "Cần xem lại:"; box.append(p, list);
      }
    } else box.textContent = (data.problems || []).map(problemText).join("\n");
  });

  document.getElementById("show-history").addEventListener("click", async () => {
    const box = document.getElementById("side-result");
    const {data} = await call(`/api/history?path=${encodeURIComponent(path)}`);
    if (!data.commits || !data.commits.length) { box.textContent = "Tệp chưa có lịch sử trong git."; return; }
    box.innerHTML = "<p>Chọn hai phiên bản để so sánh:</p>";
    const form = document.createElement("form");
    data.commits.forEach((c, i) => {
      const row = document.createElement("p");
      row.innerHTML = `<label><input type="checkbox" value="${c.commit}"${i < 2 ? " checked" : ""}> ${c.date} — ${c.subject.replace(/[<>&]/g, "")} (${c.commit})</label>`;
      form.append(row);
    });
    const button = document.createElement("button"); button.type = "submit"; button.textContent = "So sánh";
    const out = document.createElement("pre"); out.className = "diff";
    form.append(button);
    form.addEventListener("submit", async event => {
      event.preventDefault();
      const picked = [...form.querySelectorAll("input:checked")].map(i => i.value);
      const [b, a] = picked.length >= 2 ? picked : [null, picked[0]];
      const {data: result} = await call(`/api/compare?path=${encodeURIComponent(path)}&a=${a}${b ? "&b=" + b : ""}`);
      out.textContent = result.markdown || (result.problems || []).map(problemText).join("\n");
    });
    box.append(form, out);
  });

  (async () => {  // the first preview
    const {status: code, data} = await call(`/api/preview?path=${encodeURIComponent(path)}`);
    if (code === 200) { quick.innerHTML = data.html; quick.dataset.version = version; show(data.warnings, "warning"); refreshPages(); }
    else { quick.textContent = "Chưa xem trước được: tệp có lỗi."; show(data.problems || [], "error"); }
  })();
}

// ---------- the folder page ----------
async function upload(url, file, extra) {
  const body = new FormData();
  body.append("file", file);
  for (const [k, v] of Object.entries(extra || {})) body.append(k, v);
  return call(url, {method: "POST", body});
}

const drop = document.getElementById("drop");
if (drop) {
  const input = document.getElementById("import-file");
  const result = document.getElementById("import-result");
  async function importFile(file) {
    result.textContent = "Đang đọc " + file.name + "…";
    const {status: code, data} = await upload("/api/import", file);
    if (code !== 200) { result.textContent = (data.problems || [{message: data.text}]).map(problemText).join("\n"); return; }
    result.innerHTML = "";
    const a = document.createElement("a");
    a.href = "/plan?path=" + encodeURIComponent(data.path);
    a.textContent = "Đã tạo kế hoạch " + data.path + (data.marked.length ? ` (${data.marked.length} chỗ cần xem lại)` : "");
    result.append(a);
  }
  input.addEventListener("change", () => { if (input.files[0]) importFile(input.files[0]); });
  drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", e => { e.preventDefault(); drop.classList.remove("over"); if (e.dataTransfer.files[0]) importFile(e.dataTransfer.files[0]); });

  document.getElementById("copy-form").addEventListener("submit", async event => {
    event.preventDefault();
    const out = document.getElementById("copy-result");
    const {status: code, data} = await post("/api/copy", {path: document.getElementById("copy-source").value,
                                                          name: document.getElementById("copy-name").value});
    if (code !== 200) { out.textContent = (data.problems || [{message: data.text}]).map(problemText).join("\n"); return; }
    location.href = "/plan?path=" + encodeURIComponent(data.path);
  });

  const tableForm = document.getElementById("table-form");
  tableForm.addEventListener("submit", async event => {
    event.preventDefault();
    const out = document.getElementById("table-result");
    const file = document.getElementById("table-file").files[0];
    if (!file) { out.textContent = "Chưa chọn bảng xã, phường."; return; }
    out.textContent = "Đang tạo văn bản…";
    const {status: code, data} = await upload("/api/table", file, {base: document.getElementById("table-base").value});
    if (code !== 200) { out.textContent = (data.problems || [{message: data.text}]).map(problemText).join("\n"); return; }
    const table = document.createElement("table");
    table.className = "list";
    table.innerHTML = "<thead><tr><th scope='col'>Dòng</th><th scope='col'>Tệp</th><th scope='col'>Kết quả</th></tr></thead>";
    const body = document.createElement("tbody");
    for (const row of data.rows) {
      const tr = document.createElement("tr");
      for (const text of [row.label, row.file, row.problems.length ? row.problems.join("\n") : "đã tạo"]) {
        const td = document.createElement("td"); td.textContent = text; tr.append(td);
      }
      if (row.problems.length) tr.className = "broken";
      body.append(tr);
    }
    table.append(body);
    const link = document.createElement("a");
    link.href = `/api/table/${data.zip}.zip`;
    link.textContent = `Tải ${data.written} văn bản (.zip)`;
    link.className = "button";
    out.replaceChildren(link, table);
  });
}
