// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";

/** Every module the entry imports, by walking its static imports. */
async function importGraph(entry: URL): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  const todo = [entry.href];
  while (todo.length > 0) {
    const href = todo.pop()!;
    if (graph.has(href)) continue;
    // Comments hold doc examples, which import the published names: drop them.
    const text = (await Deno.readTextFile(new URL(href)))
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    const specs = [
      ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/gms),
      ...text.matchAll(/^\s*import\s*"([^"]+)"/gm),
      ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
    ].map((m) => m[1]);
    graph.set(href, specs);
    for (const s of specs) if (s.startsWith(".")) todo.push(new URL(s, href).href);
  }
  return graph;
}

for (const entry of ["./mod.ts", "./conformance/validate.ts"]) {
  Deno.test(`${entry} imports no runtime module (node:, Deno) and so runs in browsers`, async () => {
    const graph = await importGraph(new URL(entry, import.meta.url));
    assert.ok(graph.size > 5, `walked only ${graph.size} modules`);
    for (const [file, specs] of graph) {
      for (const s of specs) {
        assert.ok(
          s.startsWith(".") || s.startsWith("npm:"),
          `${file} imports ${s}: the core may import only its own files and npm packages`,
        );
      }
      const code = (await Deno.readTextFile(new URL(file))).replace(
        /\/\*[\s\S]*?\*\/|\/\/.*$/gm,
        "",
      );
      assert.ok(!/\bDeno\./.test(code), `${file} uses the Deno namespace`);
    }
  });
}
