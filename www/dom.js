// DOM helpers for the demo page. Everything the API sends is attacker-influenced, so nothing here parses HTML:
// text goes in with text nodes / textContent, attributes with setAttribute, and there is no innerHTML anywhere.

/**
 * Creates an element. `props`: `class`, `testid`, `text`, `title`, `attrs` (name → value), `data` (dataset).
 * Children may be nodes, strings (inserted as text), numbers, arrays, or null/undefined/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.testid) el.dataset.testid = props.testid;
  if (props.title) el.title = props.title;
  if (props.text !== undefined && props.text !== null) el.textContent = String(props.text);
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const [name, value] of Object.entries(props.data ?? {})) {
    if (value !== undefined && value !== null) el.dataset[name] = String(value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.append(child);
    else el.append(document.createTextNode(String(child)));
  }
}

/** True for a value worth showing: not null/undefined, not an empty string or empty array. */
export function present(value) {
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The value if it is an array, else [] (the package gives [] for absent arrays; this also tolerates undefined). */
export const list = (value) => (Array.isArray(value) ? value : []);

/** `value` as text, or a muted dash when absent. */
export function textOrDash(value, props = {}) {
  if (!present(value)) return h("span", { ...props, class: joinClass(props.class, "muted"), text: "—", data: { absent: "true" } });
  return h("span", { ...props, text: String(value) });
}

function joinClass(...names) {
  return names.filter(Boolean).join(" ");
}

/** JSON.stringify that never throws (BigInt, cycles) and always returns a string. */
export function safeJson(value, space) {
  try {
    const text = JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v), space);
    return text === undefined ? String(value) : text;
  } catch {
    return String(value);
  }
}

const SLUG_RE = /[^a-z0-9]+/g;
const slug = (value) => String(value).toLowerCase().replace(SLUG_RE, "-");

/** Documented enum values per badge family; anything else is shown as sent, styled as unknown. */
const KNOWN = {
  severity: ["Informational", "Low", "Medium", "High"],
  status: ["New", "Active", "Closed"],
  gamebook: ["Pending", "Running", "Finished", "Failed", "Queued", "Denied", "Cancelled"],
  playbook: ["Pending", "Running", "Finished", "Failed", "Terminated"],
  source: ["Sentinel", "DefenderXDR", "QRadar", "Splunk", "CrowdStrike", "SentinelOne"],
};

/**
 * A coloured badge for an enum value; its text is exactly the value (`label` only becomes the tooltip).
 * Unknown values are kept verbatim (the server may add new ones) and styled as unknown.
 */
export function badge(family, value, testid, label) {
  const known = present(value) && (KNOWN[family] ?? []).includes(value);
  const cls = `badge badge-${family} ${known ? `badge-${family}-${slug(value)}` : "badge-unknown"}`;
  return h(
    "span",
    {
      class: cls,
      testid,
      data: { value: value ?? "" },
      title: present(value) && !known ? "Not one of the API's documented values (shown as sent)" : label ?? undefined,
    },
    present(value) ? String(value) : "—",
  );
}

/** A small neutral tag. */
export function tag(text, props = {}) {
  return h("span", { ...props, class: joinClass("tag", props.class), text });
}

// A timestamp as the API sends it: date, time, optional fraction (often 7 digits from .NET), optional offset.
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * What the timestamp says about its offset: `{ offset, label, title }` where offset is "Z", "+hh:mm"/"-hh:mm",
 * "none" (no offset: the API documents these as the user's local time) or "unknown" (not a timestamp shape).
 * `label` is the compact tag shown next to the value ("UTC", "UTC+5:30", "no offset"); `title` spells it out.
 */
export function describeOffset(raw) {
  const match = TIMESTAMP_RE.exec(raw);
  if (!match) return { offset: "unknown", label: "format?", title: "Unrecognised timestamp format (shown as sent)" };
  const offset = match[1];
  if (offset === undefined) return { offset: "none", label: "no offset", title: "No offset (server local time)" };
  if (offset === "Z" || offset === "z") return { offset: "Z", label: "UTC", title: "Offset Z (UTC)" };
  const digits = offset.slice(1).replace(":", "");
  const hours = digits.slice(0, 2);
  const minutes = digits.slice(2, 4) || "00";
  const normalised = `${offset[0]}${hours}:${minutes}`;
  if (Number(hours) === 0 && Number(minutes) === 0) return { offset: normalised, label: "UTC", title: `Offset ${normalised} (UTC)` };
  const short = `${offset[0] === "-" ? "\u2212" : "+"}${Number(hours)}${minutes === "00" ? "" : `:${minutes}`}`;
  return { offset: normalised, label: `UTC${short}`, title: `Offset ${normalised}` };
}

/**
 * A timestamp shown exactly as sent, with a tag that makes its offset (or the lack of one) visible.
 * The wrapper carries `data-testid`, `data-raw` (the string as sent) and `data-offset`.
 */
export function timestamp(raw, testid) {
  if (!present(raw)) {
    return h("span", { class: "ts ts-absent muted", testid, data: { offset: "absent", raw: "" }, text: "not provided" });
  }
  const text = String(raw);
  const { offset, label, title: offsetTitle } = describeOffset(text);
  let title = offsetTitle;
  if (offset === "none") {
    title = "Sent without an offset. The API documents this value as the user's local time, so the instant is ambiguous.";
  } else if (offset !== "unknown") {
    const instant = new Date(text.replace(/([.,]\d{3})\d+/, "$1"));
    if (!Number.isNaN(instant.getTime())) title = `${offsetTitle}. In this browser's time zone: ${instant.toLocaleString()}`;
  }
  return h(
    "span",
    { class: `ts ts-offset-${offset === "none" || offset === "unknown" ? offset : "explicit"}`, testid, title, data: { raw: text, offset } },
    h("time", { class: "ts-value", text, attrs: { datetime: offset === "unknown" ? null : text } }),
    " ",
    h("span", { class: "ts-tag", testid: testid ? `${testid}-offset` : undefined, text: label }),
  );
}

/**
 * One evidence cell: any JSON value rendered as text. Strings stay strings (never links or markup),
 * objects and arrays are shown as JSON, long ones folded.
 */
export function jsonCell(value) {
  if (value === undefined) return h("span", { class: "cell cell-missing muted", data: { type: "missing" }, title: "This row has fewer cells than there are columns", text: "—" });
  if (value === null) return h("span", { class: "cell cell-null muted", data: { type: "null" }, title: "null", text: "—" });
  switch (typeof value) {
    case "string":
      return value === ""
        ? h("span", { class: "cell cell-string muted", data: { type: "string" }, text: '""', title: "Empty string" })
        : h("span", { class: `cell cell-string${value.length <= 40 ? " cell-short" : ""}`, data: { type: "string" }, text: value });
    case "number":
    case "bigint":
      return h("span", { class: "cell cell-number", data: { type: "number" }, text: String(value) });
    case "boolean":
      return h("span", { class: "cell cell-boolean", data: { type: "boolean" }, text: String(value) });
    default: {
      const type = Array.isArray(value) ? "array" : "object";
      const compact = safeJson(value);
      if (compact.length <= 120) return h("code", { class: `cell cell-${type}`, data: { type }, text: compact });
      return h(
        "details",
        { class: `cell cell-${type}`, data: { type } },
        h("summary", { text: `${compact.slice(0, 80)}…` }),
        h("pre", { text: safeJson(value, 2) }),
      );
    }
  }
}

/** A `<dl>` from [label, node-or-text, testid?] rows; rows whose value is null/undefined are skipped. */
export function facts(rows, props = {}) {
  const dl = h("dl", { ...props, class: joinClass("facts", props.class) });
  for (const [label, value] of rows) {
    if (value === null || value === undefined) continue;
    dl.append(h("div", { class: "fact" }, h("dt", { text: label }), h("dd", {}, value)));
  }
  return dl;
}

/**
 * Key attributes as a compact list of `label value` pairs, skipping absent ones. A value that several labels share
 * (a UPN that is also the email address, one device id under three names) is shown once, with the labels joined.
 */
export function attributes(pairs, testid) {
  const byValue = new Map();
  for (const [label, value] of pairs) {
    if (!present(value)) continue;
    const key = String(value);
    byValue.set(key, [...(byValue.get(key) ?? []), label]);
  }
  if (byValue.size === 0) return h("span", { class: "muted", text: "—" });
  return h(
    "ul",
    { class: "attrs", testid },
    [...byValue].map(([value, labels]) =>
      h("li", { class: "attr", data: { attr: labels.join(" ") } }, h("span", { class: "attr-k", text: labels.join(" · ") }), " ", h("span", { class: "attr-v", text: value })),
    ),
  );
}

/** A titled panel section with an optional count in the heading. */
export function section(id, title, count, ...children) {
  return h(
    "section",
    { class: "panel", testid: id, attrs: { id: `section-${id}`, "aria-labelledby": `heading-${id}` } },
    h("h3", { attrs: { id: `heading-${id}` } }, title, count === null || count === undefined ? null : h("span", { class: "count", text: ` (${count})` })),
    ...children,
  );
}

/** An empty-state line. */
export function empty(text, testid) {
  return h("p", { class: "empty muted", testid, text });
}
