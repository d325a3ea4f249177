// Copyright 2026 the npy authors. MIT license.

// The reference in docs/ is kept true: every validator rule and every reader
// rule appears in docs/validator.md with its severity (or fatality) and
// summary, and nothing else does.

import assert from "node:assert/strict";
import { READERS, RULES } from "./conformance/validate.ts";

const text = Deno.readTextFileSync(new URL("./docs/validator.md", import.meta.url));

/** Rows of the markdown tables whose first cell is a `code` id. */
function tableRows(md: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of md.split("\n")) {
    const m = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    const cells = m[2].split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
    rows.set(m[1], cells);
  }
  return rows;
}

Deno.test("docs/validator.md lists every reader rule with its fatality and summary", () => {
  const rows = tableRows(text);
  const want = READERS.flatMap((r) => r.rules);
  for (const rule of want) {
    const row = rows.get(rule.id);
    assert.ok(row, `${rule.id} is missing from docs/validator.md`);
    assert.equal(row[0], rule.fatal ? "yes" : "no (caveat)", `${rule.id}: fatal`);
    // deno fmt trims the spaces inside code spans.
    const trim = (t: string) => t.replace(/`\s*([^`]*?)\s*`/g, "`$1`");
    assert.equal(trim(row[1]), trim(rule.summary), `${rule.id}: summary`);
  }
  const known = new Set(want.map((r) => r.id));
  const stale = [...rows.keys()].filter((id) => id.includes("/") && !known.has(id));
  assert.deepEqual(stale, [], "rules in the docs that the tables no longer have");
});

Deno.test("docs/validator.md has a section for every validator rule", () => {
  for (const [id, info] of Object.entries(RULES)) {
    assert.ok(
      text.includes(`### \`${id}\` (${info.severity})`),
      `no "### \`${id}\` (${info.severity})" heading`,
    );
  }
});
