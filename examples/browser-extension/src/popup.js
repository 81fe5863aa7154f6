// The popup: asks the service worker for a lookup and shows the answer. It never sees a credential.
// Everything from the API is set with textContent, never as HTML.
const $ = (id) => document.getElementById(id);

function show(id, text) {
  $(id).textContent = text === null || text === undefined || text === "" ? "—" : String(text);
}

function render(result) {
  $("result").hidden = !result.ok;
  $("problem").hidden = result.ok;
  $("state").textContent = "";
  if (result.ok) renderSummary(result.summary);
  else renderProblem(result.problem);
}

function renderSummary(s) {
  show("title", s.title ?? s.id);
  show("severity", s.severity);
  $("severity").className = s.severity ? `sev-${s.severity}` : "";
  show("status", s.status);
  show("assignee", s.assignee ? [s.assignee.displayName, s.assignee.email && `<${s.assignee.email}>`].filter(Boolean).join(" ") : "unassigned");
  show("number", s.number);
  show("created", s.creationTime);
  show("request-id", s.requestId);
  show("indicator-count", `(${s.indicators.length}${s.skippedIndicators ? `, ${s.skippedIndicators} skipped` : ""})`);
  const list = $("indicators");
  list.replaceChildren(...s.indicators.map((indicator) => {
    const item = document.createElement("li");
    const kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = indicator.hashAlgorithm ?? indicator.kind;
    const value = document.createElement("span");
    value.className = "value";
    value.textContent = indicator.value;
    item.append(kind, value);
    item.dataset.kind = indicator.kind;
    return item;
  }));
}

function renderProblem(p) {
  show("problem-title", p.title ?? (p.status ? `HTTP ${p.status}` : p.kind));
  show("problem-kind", p.kind);
  show("problem-status", p.status);
  show("problem-code", p.code);
  show("problem-detail", p.detail);
  show("problem-request-id", p.requestId);
}

async function lookUp(incidentId) {
  document.body.dataset.state = "loading";
  $("lookup").disabled = true;
  $("state").textContent = `Looking up ${incidentId}…`;
  try {
    render(await chrome.runtime.sendMessage({ type: "lookup", incidentId }));
  } catch (error) {
    render({ ok: false, problem: { kind: "Extension", detail: String(error?.message ?? error) } });
  } finally {
    $("lookup").disabled = false;
    document.body.dataset.state = "done";
  }
}

$("lookup-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const id = $("incident-id").value.trim();
  if (id) void lookUp(id);
});

$("open-options").addEventListener("click", (event) => {
  event.preventDefault();
  void chrome.runtime.openOptionsPage();
});

// The latest answer (from the context menu, or an earlier popup): show it again, and clear the toolbar badge.
const { lastLookup } = await chrome.storage.session.get("lastLookup");
if (lastLookup) {
  $("incident-id").value = lastLookup.incidentId ?? "";
  render(lastLookup);
}
await chrome.action.setBadgeText({ text: "" });
document.body.dataset.state = "ready";
