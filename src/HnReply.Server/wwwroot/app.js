// The page's behaviour: live suggestions (debounced, arrow keys choose, Tab accepts, mid-word
// completion), streamed completions and replies (Server-Sent Events read from fetch, since the
// API's streams are POSTs), and the ladder from the eval report. No libraries, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
const text = $("text"), list = $("suggestions"), picker = $("lm"), status = $("status");
let models = [];
let suggestions = [], selected = 0, asked = 0, timer = 0;

function say(message) { status.textContent = message || ""; }

async function problemOf(response) {
  try { const p = await response.json(); return p.detail || p.title || response.statusText; }
  catch { return `${response.status} ${response.statusText}`; }
}

async function postJson(url, body) {
  return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

// Reads an event stream from a fetch response and calls onEvent(name, data) for each event.
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message", data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) name = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      onEvent(name, data ? JSON.parse(data) : null);
    }
  }
}

// --- suggestions -------------------------------------------------------------------------------
function endsMidWord(value) { return /[\p{L}\p{N}]$/u.test(value); }

function showSuggestions(items) {
  suggestions = items;
  selected = 0;
  list.replaceChildren(...items.map((s, i) => {
    const li = document.createElement("li");
    li.id = `suggestion-${i}`;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", String(i === selected));
    li.append(s.text);
    const p = document.createElement("small");
    p.textContent = `${Math.round(s.probability * 100)}%`;
    li.append(p);
    li.addEventListener("mousedown", (e) => { e.preventDefault(); selected = i; accept(); });
    return li;
  }));
  text.setAttribute("aria-expanded", String(items.length > 0));
  markSelected();
}

function markSelected() {
  [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === selected)));
  if (suggestions.length > 0) text.setAttribute("aria-activedescendant", `suggestion-${selected}`);
  else text.removeAttribute("aria-activedescendant");
}

async function suggest() {
  const ask = ++asked;
  if (!picker.value) return;
  const response = await postJson("/api/suggest", { model: picker.value, text: text.value, k: 5 });
  if (ask !== asked) return; // the user typed on: a newer answer is on its way
  if (!response.ok) { say(await problemOf(response)); showSuggestions([]); return; }
  say("");
  showSuggestions((await response.json()).suggestions);
}

function accept() {
  if (suggestions.length === 0) return;
  const word = suggestions[selected].text;
  let value = text.value;
  if (endsMidWord(value)) value = value.replace(/[\p{L}\p{N}_'-]+$/u, "");
  else if (value.length > 0 && !/\s$/.test(value)) value += " ";
  text.value = value + word + " ";
  text.focus();
  suggest();
}

text.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 120); });
text.addEventListener("keydown", (e) => {
  if (suggestions.length === 0) return;
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    selected = (selected + (e.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length;
    markSelected();
  } else if (e.key === "Tab" && !e.shiftKey) {
    e.preventDefault();
    accept();
  } else if (e.key === "Escape") {
    showSuggestions([]);
  }
});
picker.addEventListener("change", suggest);

// --- completion --------------------------------------------------------------------------------
$("continue").addEventListener("click", async () => {
  const out = $("completion");
  out.textContent = text.value;
  const response = await postJson("/api/complete", { model: picker.value, text: text.value, max_tokens: Number($("words").value) });
  if (!response.ok) { say(await problemOf(response)); return; }
  say("");
  await readEvents(response, (name, data) => {
    if (name === "token") out.textContent += data.text;
    else if (name === "error") say(data.detail);
  });
});

// --- replies -----------------------------------------------------------------------------------
function replyColumn(model) {
  const column = document.createElement("div");
  column.className = "replier";
  column.dataset.model = model.name;
  const heading = document.createElement("h3");
  heading.textContent = `${model.name} (${model.kind})`;
  const body = document.createElement("div");
  column.append(heading, body);
  return { column, body };
}

function replyBox(body, index) {
  let box = body.querySelector(`[data-index="${index}"]`);
  if (!box) {
    box = document.createElement("div");
    box.className = "reply";
    box.dataset.index = index;
    box.append(document.createElement("span"), document.createElement("div"));
    box.lastChild.className = "score";
    body.append(box);
  }
  return box;
}

async function streamReplies(model, body, request) {
  const response = await postJson("/api/reply", { model: model.name, ...request });
  if (!response.ok) { body.textContent = await problemOf(response); return; }
  await readEvents(response, (name, data) => {
    if (name === "token") replyBox(body, data.index).firstChild.textContent += data.text;
    else if (name === "candidate") {
      const box = replyBox(body, data.index);
      box.firstChild.textContent = data.text;
      box.lastChild.textContent = `score ${data.score.toFixed(3)}`;
    } else if (name === "done" && data.replies === 0) body.textContent = "no reply: nothing in this model answers that text";
    else if (name === "error") body.append(` (${data.detail})`);
  });
}

$("reply").addEventListener("click", async () => {
  const parent = $("parent").value;
  if (!parent.trim()) { say("paste a comment to reply to"); return; }
  say("");
  const title = $("title").value.trim();
  const request = { parent, title: title || null, n: Number($("count").value) };
  const repliers = models.filter((m) => m.uses.includes("reply"));
  const columns = repliers.map((m) => ({ model: m, ...replyColumn(m) }));
  $("replies").replaceChildren(...columns.map((c) => c.column));
  await Promise.all(columns.map((c) => streamReplies(c.model, c.body, request)));
});

// --- the ladder --------------------------------------------------------------------------------
const ladderColumns = [
  ["model", "model"], ["kind", "kind"], ["perplexity", "perplexity"], ["bits_per_char", "bits/char"],
  ["top1", "top-1"], ["top3", "top-3"], ["keystroke_savings", "keystrokes saved"],
  ["recall_at_1_of_10", "R@1/10"], ["mrr_10", "MRR/10"],
];

function cell(value) {
  if (typeof value !== "number") return value ?? "";
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

async function showLadder() {
  const ladder = $("ladder");
  const response = await fetch("/api/ladder");
  if (!response.ok) { ladder.textContent = await problemOf(response); return; }
  const report = await response.json();
  if (!report.rows) {
    ladder.textContent = "No eval report: run `hnreply eval MODEL... --report DIR` and start serve with --report DIR.";
  } else {
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const [, label] of ladderColumns) { const th = document.createElement("th"); th.scope = "col"; th.textContent = label; head.append(th); }
    const rows = table.createTBody();
    for (const row of report.rows) {
      const tr = rows.insertRow();
      for (const [key] of ladderColumns) tr.insertCell().textContent = cell(row[key]);
    }
    ladder.replaceChildren(table);
  }
  if (report.chart) {
    const img = document.createElement("img");
    img.src = report.chart;
    img.alt = "The ladder: each model's figures on the same held-out text";
    ladder.append(img);
  }
  $("curves").replaceChildren(...models.filter((m) => m.loss_curve).map((m) => {
    const figure = document.createElement("figure");
    const img = document.createElement("img");
    img.src = m.loss_curve;
    img.alt = `Training and validation loss of ${m.name}`;
    const caption = document.createElement("figcaption");
    caption.textContent = `${m.name}: loss while training`;
    figure.append(img, caption);
    const column = document.createElement("div");
    column.append(figure);
    return column;
  }));
}

// --- start -------------------------------------------------------------------------------------
async function start() {
  const response = await fetch("/api/models");
  if (!response.ok) { say(await problemOf(response)); setTimeout(start, 1000); return; }
  models = await response.json();
  const languageModels = models.filter((m) => m.uses.includes("suggest"));
  picker.replaceChildren(...languageModels.map((m) => new Option(`${m.name} (${m.kind})`, m.name)));
  if (languageModels.length === 0) say("This server has no language model: suggestions are off.");
  await showLadder();
  document.body.dataset.ready = "true";
}

start();
