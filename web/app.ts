// Copyright 2026 the npy authors. MIT license.
// The page: picks or takes a dropped file, hands it to the worker and shows
// what comes back. Everything is drawn with DOM and canvas calls; file
// contents only ever reach the page as text nodes.

/// <reference lib="dom" />

import type { Finding, ValidationReport } from "../conformance/validate.ts";
import type { HeaderInfo, Picture, Reply, Request, Stats } from "./_protocol.ts";
import { colorAt, NAN_COLOR } from "./_colors.ts";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const out = $<HTMLDivElement>("out");
const status = $<HTMLParagraphElement>("status");
const progress = $<HTMLProgressElement>("progress");
const input = $<HTMLInputElement>("file");
const allowPickle = $<HTMLInputElement>("allow-pickle");

type Child = Node | string | null | undefined | false;

function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c) e.append(c);
  return e;
}

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  const s = el("section", { id, "aria-labelledby": `${id}-h` }, el("h2", { id: `${id}-h` }, title));
  for (const c of children) if (c) s.append(c);
  out.append(s);
  return s;
}

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
let started = 0;
/** The file on the page, and the archive member shown, to read again when the switch changes. */
let current: File | undefined;
let member: string | undefined;

function open(file: File): void {
  current = file;
  member = undefined;
  out.replaceChildren();
  status.textContent = `Reading ${file.name} (${bytes(file.size)})…`;
  progress.hidden = true;
  started = performance.now();
  document.body.dataset.state = "reading";
  const request: Request = {
    type: "open",
    file,
    name: file.name,
    allowPickle: allowPickle.checked,
  };
  worker.postMessage(request);
}

worker.onmessage = (e: MessageEvent<Reply>) => {
  const r = e.data;
  switch (r.type) {
    case "verdict":
      showVerdict(r.name, r.size, r.report, r.header, r.fromHeader, r.ms, r.loadError);
      break;
    case "archive":
      showArchive(r);
      break;
    case "member":
      if (r.error) {
        section("member-error", `Member ${r.key}`, el("p", { class: "no" }, r.error));
      } else if (r.notNpy) {
        section(
          "member-error",
          `Member ${r.key}`,
          el("p", {}, "Not a .npy file: np.load's NpzFile returns its bytes, not an array."),
        );
      }
      break;
    case "values":
      section(
        "values",
        "Values",
        el("pre", {
          tabindex: "0",
          "aria-label": "the values as numpy prints them",
        }, r.text),
        r.note && el("p", { class: "note" }, r.note),
      );
      break;
    case "pickle-refused":
      section(
        "values",
        "Values",
        el(
          "p",
          { class: "no", "data-code": r.code },
          el("strong", {}, "The safe reader refuses it: "),
          r.message,
        ),
        r.code === "PICKLE_UNSAFE_GLOBAL"
          ? el(
            "p",
            { class: "note" },
            "Nothing was called. np.load(f, allow_pickle=True) would call that global: " +
              "do not load this file with numpy unless you trust who wrote it.",
          )
          : null,
      );
      break;
    case "picture":
      showPicture(r.picture);
      break;
    case "stats":
      showStats(r.stats, r.note);
      break;
    case "progress":
      progress.hidden = false;
      progress.max = r.total;
      progress.value = r.done;
      status.textContent = `Statistics: ${
        Math.round((100 * r.done) / r.total)
      }% of the values read`;
      break;
    case "done":
      progress.hidden = true;
      document.body.dataset.doneMs = (performance.now() - started).toFixed(1);
      status.textContent = `Done in ${Math.round(performance.now() - started)} ms.`;
      document.body.dataset.state = "done";
      break;
    case "error":
      progress.hidden = true;
      status.textContent = "";
      section("error", "Error", el("p", { class: "no" }, r.message));
      document.body.dataset.state = "done";
      break;
  }
};

function showArchive(r: Extract<Reply, { type: "archive" }>): void {
  const s = section("archive", `Archive ${r.name}`);
  if (r.error) {
    s.append(
      el(
        "p",
        { class: "verdict refuses", "data-verdict": "refuses" },
        "numpy refuses it: np.load(f) raises an error.",
      ),
      el("p", {}, r.error),
    );
    document.body.dataset.verdict = "refuses";
    return;
  }
  s.append(el(
    "p",
    { class: "verdict loads", "data-verdict": "archive" },
    `numpy opens it: np.load(f) returns an NpzFile of ${r.members.length} member${
      r.members.length === 1 ? "" : "s"
    }.`,
  ));
  const list = el("ul", { class: "members" });
  for (const m of r.members) {
    const b = el(
      "button",
      { type: "button", "data-key": m.key, "aria-pressed": "false" },
      m.key,
    ) as HTMLButtonElement;
    b.addEventListener("click", () => openMember(m.key));
    list.append(el(
      "li",
      {},
      b,
      ` ${m.name}: ${bytes(m.size)}, ${m.compression}` +
        (m.compression !== "stored" ? ` (${bytes(m.compressedSize)} in the archive)` : ""),
    ));
  }
  s.append(
    el("p", {}, "Each member is a .npy file; pick one to see its verdict, values and picture:"),
    list,
  );
  markMember(r.members[0]?.key);
}

function markMember(key: string | undefined): void {
  member = key;
  for (const b of document.querySelectorAll<HTMLButtonElement>(".members button")) {
    b.setAttribute("aria-pressed", String(b.dataset.key === key));
  }
}

function openMember(key: string): void {
  for (const s of [...out.children]) if (s.id !== "archive") s.remove();
  markMember(key);
  status.textContent = `Reading member ${key}…`;
  started = performance.now();
  document.body.dataset.state = "reading";
  const request: Request = { type: "member", key, allowPickle: allowPickle.checked };
  worker.postMessage(request);
}

function bytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n, u = -1;
  while (v >= 1024 && u < units.length - 1) (v /= 1024), u++;
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]} (${n.toLocaleString("en")} bytes)`;
}

/** Findings of an object array that np.load(f, allow_pickle=True) would still load. */
const PICKLE_RULES = new Set(["object-dtype", "pickle-unsafe-global", "pickle-data"]);

function verdictOf(report: ValidationReport): { cls: string; text: string } {
  if (report.numpyLoadable) {
    return {
      cls: "loads",
      text: report.canonical
        ? "numpy loads it: np.load(f) returns the array, and the file is byte for byte what np.save writes."
        : "numpy loads it: np.load(f) returns the array. The file differs from what np.save writes (see below).",
    };
  }
  const errors = report.findings.filter((f) => f.severity === "error");
  const unsafe = errors.filter((f) => f.rule === "pickle-unsafe-global");
  if (unsafe.length > 0 && errors.every((f) => PICKLE_RULES.has(f.rule))) {
    // The validator's message: "the pickle calls posix.system (REDUCE), …".
    const names = unsafe.map((f) => /calls (\S+) \(/.exec(f.message)?.[1]).filter(Boolean);
    return {
      cls: "unsafe",
      text: `Unsafe: np.load(f, allow_pickle=True) would run code${
        names.length ? ` (its pickle calls ${names.join(", ")})` : ""
      }. Without allow_pickle numpy refuses it; the safe reader refuses it too.`,
    };
  }
  if (errors.length > 0 && errors.every((f) => PICKLE_RULES.has(f.rule))) {
    return {
      cls: "pickle",
      text:
        "numpy loads it only with np.load(f, allow_pickle=True): it holds Python objects (pickle).",
    };
  }
  return { cls: "refuses", text: "numpy refuses it: np.load(f) raises an error." };
}

function showVerdict(
  name: string,
  size: number,
  report: ValidationReport,
  header: HeaderInfo | null,
  fromHeader: boolean,
  ms: number,
  loadError: string | null,
): void {
  const v = verdictOf(report);
  const pageMs = performance.now() - started;
  document.body.dataset.verdictMs = pageMs.toFixed(1);
  status.textContent = `Verdict in ${Math.round(pageMs)} ms (${Math.round(ms)} ms in the worker).`;
  const s = section(
    "verdict",
    `Verdict on ${name}`,
    el("p", { class: `verdict ${v.cls}`, "data-verdict": v.cls }, v.text),
    el(
      "p",
      { class: "note" },
      `${bytes(size)}.`,
      fromHeader
        ? " Judged from the header and the file size: the data is too big to read whole here, and is taken to be as np.save writes it."
        : "",
    ),
  );
  if (loadError) {
    s.append(el("p", { class: "load-error" }, el("strong", {}, "np.load(f) says: "), loadError));
  }
  const pickled = v.cls === "pickle" || v.cls === "unsafe" ||
    (loadError?.startsWith("This file contains pickled") ?? false);
  if (pickled && !allowPickle.checked) {
    s.append(el(
      "p",
      { class: "pickle-hint" },
      "Its values are Python objects (a pickle). Turn on the \u201callow pickle\u201d switch " +
        "above to read them with the safe reader, which never runs code.",
    ));
  }
  if (report.findings.length > 0) s.append(findingList(report.findings));
  else s.append(el("p", {}, "No findings: nothing to fix."));
  if (header) showHeader(header);
  showReaders(report);
  document.body.dataset.verdict = v.cls;
}

function findingList(findings: Finding[]): HTMLElement {
  const ul = el("ul", { class: "findings" });
  for (const f of findings) {
    const [what, fix] = f.message.split(/\. Fix: /);
    ul.append(el(
      "li",
      { "data-rule": f.rule },
      el("span", { class: `sev ${f.severity}` }, f.severity),
      " ",
      el("code", {}, f.rule),
      ` at byte ${f.offset}: `,
      what,
      fix ? el("span", { class: "fix" }, el("strong", {}, "Fix: "), fix) : null,
    ));
  }
  return ul;
}

function row(k: string, v: Child): HTMLElement {
  return el("tr", {}, el("th", { scope: "row" }, k), el("td", {}, v));
}

function showHeader(h: HeaderInfo): void {
  const shape = h.shape.length === 1 ? `(${h.shape[0]},)` : `(${h.shape.join(", ")})`;
  section(
    "header",
    "Header",
    el(
      "div",
      { class: "scroll" },
      el(
        "table",
        {},
        row("version", h.version),
        row("descr", el("code", {}, h.descr)),
        row("shape", el("code", {}, shape)),
        row("fortran_order", h.fortranOrder ? "True" : "False"),
        row("header bytes", `${h.headerBytes} (data starts at byte ${h.headerBytes})`),
        row("elements", `${h.count.toLocaleString("en")} of ${h.itemsize} bytes`),
        row("header text", el("code", {}, h.text.replace(/\n/g, "\\n"))),
      ),
    ),
  );
}

function showReaders(report: ValidationReport): void {
  const body = el("tbody");
  const entries = Object.entries(report.readers);
  for (const [name, v] of entries) {
    const verdict = v.accepts === null
      ? "not evaluated"
      : v.accepts
      ? "reads it"
      : "fails or reads it wrong";
    body.append(el(
      "tr",
      { "data-reader": name },
      el("th", { scope: "row" }, name),
      el("td", { class: v.accepts ? "yes" : v.accepts === false ? "no" : "" }, verdict),
      el("td", {}, v.issues.map((i) => `${i.rule}: ${i.message}`).join("\n") || "—"),
    ));
  }
  const reads = entries.filter(([, v]) => v.accepts === true).length;
  const fail = entries.filter(([, v]) => v.accepts === false).map(([n]) => n);
  const summary = entries.every(([, v]) => v.accepts === null)
    ? "not evaluated: numpy cannot read the header"
    : `${reads} of ${entries.length} read it` + (fail.length ? `; ${fail.join(", ")} do not` : "");
  const details = el(
    "details",
    {},
    el("summary", {}, summary),
    el(
      "div",
      { class: "scroll" },
      el(
        "table",
        {},
        el(
          "thead",
          {},
          el("tr", {}, el("th", {}, "reader"), el("th", {}, "verdict"), el("th", {}, "why")),
        ),
        body,
      ),
    ),
  );
  // Open when a reader fails: that is what a writer of files wants to see.
  if (fail.length > 0) details.setAttribute("open", "");
  section("readers", "Other readers", details);
}

function canvas(id: string, w: number, h: number, label: string, cls = ""): HTMLCanvasElement {
  const c = el("canvas", {
    id,
    width: String(w),
    height: String(h),
    role: "img",
    "aria-label": label,
    class: cls,
  });
  return c as HTMLCanvasElement;
}

function fmt(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+(e|$)/, "$1");
}

function showPicture(p: Picture): void {
  if (p.kind === "table") {
    const head = el("tr", {}, ...p.columns.map((c) => el("th", { scope: "col" }, c)));
    const rows = p.rows.map((r) => el("tr", {}, ...r.map((c) => el("td", {}, c))));
    section(
      "table",
      "First records",
      el(
        "div",
        { class: "scroll" },
        el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows)),
      ),
      el("p", { class: "note" }, `${p.rows.length} of ${p.total} records, in storage order.`),
    );
    return;
  }
  if (p.kind === "heatmap") {
    let lo = Infinity, hi = -Infinity, nan = 0;
    for (const x of p.values) {
      if (Number.isNaN(x)) nan++;
      else if (Number.isFinite(x)) (lo = Math.min(lo, x)), (hi = Math.max(hi, x));
    }
    const c = canvas(
      "heatmap",
      p.cols,
      p.rows,
      `heatmap of the ${p.shape.join(" × ")} array`,
      "pixels",
    );
    const ctx = c.getContext("2d")!;
    const img = ctx.createImageData(p.cols, p.rows);
    for (let i = 0; i < p.values.length; i++) {
      const x = p.values[i];
      const rgb = Number.isNaN(x) ? NAN_COLOR : colorAt(hi > lo ? (x - lo) / (hi - lo) : 0.5);
      img.data.set(rgb, i * 4);
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    const bar = canvas("colorbar", 256, 1, `colour bar from ${fmt(lo)} to ${fmt(hi)}`);
    const bctx = bar.getContext("2d")!;
    const bimg = bctx.createImageData(256, 1);
    for (let i = 0; i < 256; i++) {
      bimg.data.set(colorAt(i / 255), i * 4);
      bimg.data[i * 4 + 3] = 255;
    }
    bctx.putImageData(bimg, 0, 0);
    section(
      "picture",
      "Picture",
      c,
      el(
        "div",
        { class: "colorbar" },
        el("span", {}, fmt(lo)),
        bar,
        el("span", {}, fmt(hi)),
        nan > 0 ? el("span", {}, el("span", { class: "swatch" }), " NaN") : null,
      ),
      el(
        "p",
        { class: "note" },
        `viridis colour map, rows down, columns across` +
          (p.step[0] > 1 || p.step[1] > 1
            ? `; one row in ${p.step[0]}, one column in ${
              p.step[1]
            } (${p.rows} × ${p.cols} samples)`
            : ""),
      ),
    );
    return;
  }
  if (p.kind === "image") {
    const c = canvas(
      "image",
      p.cols,
      p.rows,
      `the ${p.shape.join(" × ")} array as an image`,
      "pixels",
    );
    const ctx = c.getContext("2d")!;
    const img = ctx.createImageData(p.cols, p.rows);
    img.data.set(p.rgba);
    ctx.putImageData(img, 0, 0);
    section(
      "picture",
      "Picture",
      c,
      el(
        "p",
        { class: "note" },
        `${p.shape[2] === 4 ? "RGBA" : "RGB"} image` +
          (p.step[0] > 1 || p.step[1] > 1
            ? `; one row in ${p.step[0]}, one column in ${p.step[1]}`
            : ""),
      ),
    );
    return;
  }
  // A line plot.
  const W = 640, H = 220, pad = 6;
  const c = canvas("line", W, H, `line plot of the ${p.length} values`);
  const ctx = c.getContext("2d")!;
  let lo = Infinity, hi = -Infinity;
  for (const y of p.y) if (Number.isFinite(y)) (lo = Math.min(lo, y)), (hi = Math.max(hi, y));
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, W, H);
  ctx.strokeStyle = "#ccc";
  ctx.strokeRect(0.5, 0.5, W - 1, H - 1);
  ctx.strokeStyle = "#3e4989";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  const n = p.y.length;
  let pen = false;
  for (let i = 0; i < n; i++) {
    const y = p.y[i];
    if (!Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const px = pad + (n > 1 ? (i / (n - 1)) * (W - 2 * pad) : W / 2);
    const py = H - pad - (hi > lo ? ((y - lo) / (hi - lo)) * (H - 2 * pad) : (H - 2 * pad) / 2);
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.stroke();
  section(
    "picture",
    "Picture",
    c,
    el(
      "p",
      { class: "note" },
      `values ${fmt(lo)} to ${fmt(hi)} over index 0 to ${p.length - 1}` +
        (p.step > 1 ? `; one value in ${p.step}` : ""),
    ),
  );
}

function showStats(s: Stats, note: string): void {
  const W = 640, H = 160;
  const c = canvas("histogram", W, H, `histogram of the values from ${fmt(s.lo)} to ${fmt(s.hi)}`);
  const ctx = c.getContext("2d")!;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, W, H);
  const top = Math.max(1, ...s.hist);
  const bw = W / s.hist.length;
  s.hist.forEach((n, i) => {
    const h = (n / top) * (H - 4);
    ctx.fillStyle = "#31688e";
    ctx.fillRect(i * bw + 1, H - h, bw - 2, h);
  });
  const dl = el("dl", { class: "stats" });
  const item = (k: string, v: string) => dl.append(el("dt", {}, k), el("dd", {}, v));
  item("count", s.count.toLocaleString("en"));
  item("min", s.min === null ? "—" : fmt(s.min));
  item("max", s.max === null ? "—" : fmt(s.max));
  item("mean", s.mean === null ? "—" : fmt(s.mean));
  item("NaN", s.nan.toLocaleString("en"));
  section(
    "stats",
    "Statistics",
    dl,
    c,
    el("p", { class: "note" }, `${note}, ${s.hist.length} bins from ${fmt(s.lo)} to ${fmt(s.hi)}`),
  );
}

// The switch reads the file (or the archive member) on the page again.
allowPickle.addEventListener("change", () => {
  if (current === undefined) return;
  if (member !== undefined && document.getElementById("archive")) openMember(member);
  else open(current);
});

// Picking the same file again opens it again.
input.addEventListener("click", () => {
  input.value = "";
});
input.addEventListener("change", () => {
  const f = input.files?.[0];
  if (f) open(f);
});
document.addEventListener("dragover", (e) => {
  e.preventDefault();
  document.body.classList.add("over");
});
document.addEventListener("dragleave", () => document.body.classList.remove("over"));
document.addEventListener("drop", (e) => {
  e.preventDefault();
  document.body.classList.remove("over");
  const f = e.dataTransfer?.files?.[0];
  if (f) open(f);
});
