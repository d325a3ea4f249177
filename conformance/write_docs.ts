// Copyright 2026 the npy authors. MIT license.

/**
 * `deno task docs`: rewrites the reader tables in docs/validator.md from the
 * validator's own tables (`READERS`), so the reference cannot drift from the
 * code; `docs_test.ts` fails when they differ. Run `deno fmt` after it.
 *
 * @module
 */

import { READERS } from "./validate.ts";

const path = new URL("../docs/validator.md", import.meta.url);
let text = Deno.readTextFileSync(path);

function table(rules: readonly { id: string; fatal: boolean; summary: string }[]): string {
  const rows = rules.map((r) =>
    `| \`${r.id}\` | ${r.fatal ? "yes" : "no (caveat)"} | ${r.summary.replace(/\|/g, "\\|")} |`
  );
  return ["| rule | fatal | what |", "| --- | --- | --- |", ...rows].join("\n");
}

for (const reader of READERS) {
  const head = `### ${reader.name}\n`;
  const at = text.indexOf(head);
  const section = `${head}\nSource: ${reader.source}.\n\n${table(reader.rules)}\n`;
  if (at < 0) {
    const corpus = text.indexOf("## The corpus");
    text = text.slice(0, corpus) + section + "\n" + text.slice(corpus);
    continue;
  }
  // The section runs to the end of its table.
  const tableStart = text.indexOf("\n|", at);
  let end = text.indexOf("\n\n", tableStart + 1);
  if (end < 0) end = text.length;
  text = text.slice(0, at) + section.trimEnd() + text.slice(end);
}
Deno.writeTextFileSync(path, text);
