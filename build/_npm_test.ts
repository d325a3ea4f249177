// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { mapImport, npmImports, npmSpec } from "./_npm.ts";
import { specifiersOf, usesDeno } from "./_graph.ts";

Deno.test("mapImport() resolves bare specifiers as deno.json's imports do, subpaths included", () => {
  const imports = { pako: "npm:pako@3.0.3", "lib/": "npm:/lib@1.2.0/dist/", local: "./x.ts" };
  assert.equal(mapImport(imports, "pako"), "npm:pako@3.0.3");
  assert.equal(mapImport(imports, "pako/browser"), "npm:pako@3.0.3/browser");
  assert.equal(mapImport(imports, "lib/a.js"), "npm:/lib@1.2.0/dist/a.js");
  assert.equal(mapImport(imports, "local/y.ts"), undefined); // only npm: targets take subpaths
  assert.equal(mapImport(imports, "pakox"), undefined);
});

Deno.test("npmSpec() splits an npm: specifier into the bare import and the dependency", () => {
  assert.deepEqual(npmSpec("npm:pako@3.0.3"), { bare: "pako", name: "pako", range: "3.0.3" });
  assert.deepEqual(npmSpec("npm:/@scope/pkg@^2/sub/x.js"), {
    bare: "@scope/pkg/sub/x.js",
    name: "@scope/pkg",
    range: "^2",
  });
  assert.deepEqual(npmSpec("npm:left-pad"), { bare: "left-pad", name: "left-pad", range: "*" });
  assert.throws(() => npmSpec("npm:"), /cannot map/);
});

Deno.test("npmImports() finds npm imports, ignores JSDoc examples and refuses unmapped ones", () => {
  const files = new Map([[
    "file:///a.ts",
    `/**\n * @example\n * import { x } from "@npy/npy";\n */\nimport { Deflate } from "pako";\n` +
    `import { readFileSync } from "node:fs";\nexport { y } from "./b.ts";\n`,
  ]]);
  assert.deepEqual([...npmImports(files, { pako: "npm:pako@3.0.3" })], [[
    "pako",
    "npm:pako@3.0.3",
  ]]);
  assert.throws(() => npmImports(files, {}), /file:\/\/\/a\.ts imports pako/);
});

Deno.test("specifiersOf() and usesDeno() read code, not comments", () => {
  const text =
    `// Deno.exit() in a comment\nimport "./side.ts";\nconst m = await import("./lazy.ts");\n`;
  assert.deepEqual(specifiersOf(text).sort(), ["./lazy.ts", "./side.ts"]);
  assert.equal(usesDeno(text), false);
  assert.equal(usesDeno("Deno.exit(1);"), true);
});
