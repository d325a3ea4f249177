// Copyright 2026 the npy authors. MIT license.

/**
 * The core in a browser: bundles `mod.ts` and `conformance/validate.ts` with
 * esbuild (platform "browser": a `node:` import anywhere fails the bundle),
 * serves a test page on 127.0.0.1 and has headless Chromium (Debian's
 * `/usr/bin/chromium`, driven by puppeteer-core) decode, re-encode and
 * validate numpy-made files (`build/testdata/make_smoke.py`); the results
 * are checked here. Also prints the minified and gzipped sizes of
 * `{ decode }` alone, of the whole core and of `./validate`.
 *
 * Not part of `deno task test` (it needs Chromium and npm packages); run by
 * `deno task test:browser` and by `.ci/run`. A missing browser fails it.
 *
 * @module
 */

import assert from "node:assert/strict";
import * as esbuild from "esbuild";
import puppeteer from "puppeteer-core";
import { npmResolver } from "./_esbuild_npm.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./_chromium.ts";

const ROOT = new URL("../", import.meta.url);
const TESTDATA = new URL("build/testdata/", ROOT);

interface Expected {
  descr: string;
  shape: number[];
  fortran_order: boolean;
  values: number[] | Record<string, (number | string)[]>;
}
const EXPECTED: Record<string, Expected> = JSON.parse(
  await Deno.readTextFile(new URL("smoke.json", TESTDATA)),
);

const NPM_RESOLVER = await npmResolver(["mod.ts", "conformance/validate.ts"]);

/**
 * Marks every module of the repository free of side effects, as the npm
 * package's `"sideEffects": false` does for its users' bundlers.
 */
const sideEffectsFree: esbuild.Plugin = {
  name: "side-effects-free",
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === "inner") return undefined;
      const r = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "inner",
      });
      if (r.errors.length > 0) return { errors: r.errors };
      return { path: r.path, namespace: r.namespace, sideEffects: false };
    });
  },
};

/**
 * Bundles `contents` (a module in the repository root) for browsers, minified;
 * `npm` marks the modules side-effect free as the npm package does.
 */
async function bundle(contents: string, npm: boolean): Promise<Uint8Array<ArrayBuffer>> {
  const result = await esbuild.build({
    plugins: npm ? [NPM_RESOLVER, sideEffectsFree] : [NPM_RESOLVER],
    stdin: { contents, resolveDir: ROOT.pathname, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "error",
  });
  return new Uint8Array(result.outputFiles[0].contents);
}

async function gzipSize(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const gz = new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip")));
  return (await gz.arrayBuffer()).byteLength;
}

// The page: fetches each numpy file, decodes it, re-encodes it, validates it,
// and reports what it saw as JSON on window.results.
const PAGE_SCRIPT = `
import { decode, encode, formatDescr, NpyError, validate } from "/bundle.js";
const files = ${JSON.stringify(Object.keys(EXPECTED))};
const results = { userAgent: navigator.userAgent, files: {} };
for (const name of files) {
  const bytes = new Uint8Array(await (await fetch("/data/" + name)).arrayBuffer());
  const a = decode(bytes);
  const again = encode(a);
  const data = ArrayBuffer.isView(a.data)
    ? Array.from(a.data)
    : Object.fromEntries(Object.entries(a.data).map(([k, v]) => [k, Array.from(v)]));
  const report = validate(bytes);
  results.files[name] = {
    descr: formatDescr(a.dtype), shape: a.shape, fortranOrder: a.fortranOrder, data,
    reencodedIdentical: again.length === bytes.length && again.every((b, i) => b === bytes[i]),
    numpyLoadable: report.numpyLoadable, canonical: report.canonical,
  };
}
try {
  decode(new Uint8Array([0x93, 0x4e, 0x55, 0x4d]));
} catch (e) {
  results.error = { isNpyError: e instanceof NpyError, code: e.code };
}
const broken = validate(new Uint8Array([1, 2, 3]));
results.brokenLoadable = broken.numpyLoadable;
window.results = results;
`;

Deno.test("the core and ./validate, bundled by esbuild, decode, encode and validate numpy files in headless Chromium", async () => {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium`);
  }
  const started = performance.now();
  const page = await bundle(
    `export { decode, encode, formatDescr, NpyError } from "./mod.ts";
     export { validate } from "./conformance/validate.ts";`,
    true,
  );
  const bundled = performance.now();
  await esbuild.stop();

  const routes = new Map<string, [string, string | Uint8Array<ArrayBuffer>]>([
    ["/", ["text/html", `<!doctype html><script type="module" src="/page.js"></script>`]],
    ["/page.js", ["text/javascript", PAGE_SCRIPT]],
    ["/bundle.js", ["text/javascript", page]],
  ]);
  for (const name of Object.keys(EXPECTED)) {
    routes.set(`/data/${name}`, [
      "application/octet-stream",
      await Deno.readFile(new URL(name, TESTDATA)),
    ]);
  }
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const route = routes.get(new URL(req.url).pathname);
    if (!route) return new Response("not found", { status: 404 });
    return new Response(route[1], { headers: { "content-type": route[0] } });
  });
  const profile = await Deno.makeTempDir({ prefix: "npy-chromium-" });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    ignoreDefaultArgs: true,
    args: [
      ...CHROMIUM_ARGS,
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
  });
  try {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    tab.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
    await tab.goto(`http://127.0.0.1:${server.addr.port}/`);
    await tab.waitForFunction(
      "window.results !== undefined",
      { timeout: 15_000 },
    ).catch((e) => {
      throw new Error(`the page reported no results (${errors.join("; ") || e}`);
    });
    // deno-lint-ignore no-explicit-any
    const results: any = await tab.evaluate("window.results");
    assert.deepEqual(errors, []);
    assert.match(results.userAgent, /Chrome\//);
    for (const [name, want] of Object.entries(EXPECTED)) {
      const got = results.files[name];
      assert.equal(got.descr, want.descr, `${name}: descr`);
      assert.deepEqual(got.shape, want.shape, `${name}: shape`);
      assert.equal(got.fortranOrder, want.fortran_order, `${name}: fortran_order`);
      assert.deepEqual(got.data, want.values, `${name}: values`);
      assert.equal(got.reencodedIdentical, true, `${name}: encode(decode(f)) differs from numpy's`);
      assert.equal(got.numpyLoadable, true, `${name}: validate() says numpy cannot load it`);
      assert.equal(got.canonical, true, `${name}: validate() says np.save would differ`);
    }
    assert.deepEqual(results.error, { isNpyError: true, code: "TRUNCATED_HEADER" });
    assert.equal(results.brokenLoadable, false);
    console.log(
      `browser: ${results.userAgent.match(/Chrome\/[\d.]+/)?.[0]}: ` +
        `${Object.keys(EXPECTED).length} numpy files decoded, re-encoded byte for byte and ` +
        `validated (bundle ${Math.round(bundled - started)} ms, ` +
        `page ${Math.round(performance.now() - bundled)} ms)`,
    );
  } finally {
    await browser.close();
    await server.shutdown();
    await Deno.remove(profile, { recursive: true });
  }
});

Deno.test("bundle sizes: { decode } alone, the whole core, ./validate (esbuild --minify, gzip)", async () => {
  const entries: [string, string][] = [
    ["{ decode }", `export { decode } from "./mod.ts";`],
    ["mod.ts (whole core)", `export * from "./mod.ts";`],
    ["./validate", `export * from "./conformance/validate.ts";`],
  ];
  const measured: number[] = [];
  for (const [what, entry] of entries) {
    const line = [];
    for (const [from, npm] of [["the sources", false], ["the npm package", true]] as const) {
      const min = await bundle(entry, npm);
      measured.push(min.length);
      line.push(`from ${from} ${min.length} B minified, ${await gzipSize(min)} B gzip`);
    }
    console.log(`bundle ${what}: ${line.join("; ")}`);
  }
  // Tree shaking works: decode alone is smaller than the whole core.
  assert.ok(measured[1] < measured[3], `{ decode } ${measured[1]} B >= core ${measured[3]} B`);
  await esbuild.stop();
});
