// Copyright 2026 the npy authors. MIT license.
// The page in a real browser: builds it, serves it on 127.0.0.1, drives
// Debian's chromium (headless, through puppeteer-core) through the cases of
// the page's brief, and writes a screenshot of each to dist/web-test/.
//
//   deno task test:web          (needs /usr/bin/chromium: apt-get install chromium)

/// <reference lib="dom" />

import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { parseDescr, writeHeader } from "../mod.ts";
import { buildWeb } from "./build.ts";
import { serveDir } from "./serve.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "../build/_chromium.ts";

/** Size of the big file, in MiB (NPY_WEB_BIG_MIB=2048 for the 2 GiB check). */
const BIG_MIB = Number(Deno.env.get("NPY_WEB_BIG_MIB") ?? 256);
const OUT = "dist/web-test";
const SITE = `${OUT}/site`;
const DATA = new URL("./testdata/", import.meta.url).pathname;
const EXPECTED: { print: Record<string, string> } = JSON.parse(
  Deno.readTextFileSync(`${DATA}expected.json`),
);

interface Run {
  browser: Browser;
  page: Page;
  base: string;
  /** Every URL the page asked for that is not on the test server. */
  outside: string[];
  requests: string[];
  close(): Promise<void>;
}

async function start(): Promise<Run> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)`,
    );
  }
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await buildWeb(SITE);
  const server = serveDir(SITE, 0);
  const base = `http://127.0.0.1:${server.addr.port}/`;
  const profile = await Deno.makeTempDir({ prefix: "npy-web-chromium-" });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: [
      ...CHROMIUM_ARGS,
    ],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 900 });
  const outside: string[] = [];
  const requests: string[] = [];
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const url = req.url();
    requests.push(url);
    if (url.startsWith(base) || url.startsWith("blob:") || url.startsWith("data:")) {
      void req.continue();
    } else {
      outside.push(url);
      void req.abort();
    }
  });
  // Requests a worker makes are seen on the worker's own DevTools session too.
  page.on("workercreated", (worker) => {
    const client = worker.client;
    client.on("Network.requestWillBeSent", (e: { request: { url: string } }) => {
      requests.push(e.request.url);
      const url = e.request.url;
      if (!(url.startsWith(base) || url.startsWith("blob:") || url.startsWith("data:"))) {
        outside.push(url);
      }
    });
    client.send("Network.enable").catch(() => {});
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base, { waitUntil: "load" });
  return {
    browser,
    page,
    base,
    outside,
    requests,
    async close() {
      await browser.close();
      await server.shutdown();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
      assert.deepEqual(errors, [], "errors on the page");
    },
  };
}

/** Opens a file through the file input and waits until the page says it is done. */
async function open(run: Run, path: string): Promise<void> {
  const { page } = run;
  await page.evaluate(() => {
    document.body.dataset.state = "";
  });
  const input = await page.$("#file");
  assert.ok(input, "the file input");
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
  try {
    await page.waitForSelector("body[data-state=done]", { timeout: 60_000 });
  } catch (e) {
    await shot(page, "timeout");
    const state = await page.evaluate(() => JSON.stringify(document.body.dataset));
    throw new Error(
      `${path}: the page did not finish; it says ${await text(page, "#status")} ${state}`,
      {
        cause: e,
      },
    );
  }
}

const text = (page: Page, sel: string) =>
  page.$eval(sel, (e) => (e as HTMLElement).innerText).catch(() => "");

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
}

/** Share of a canvas's pixels that differ from its first pixel. */
function nonBlank(page: Page, sel: string): Promise<number> {
  return page.$eval(sel, (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let differ = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) differ++;
    }
    return differ / (d.length / 4);
  });
}

Deno.test("web page: verdict, values and pictures in headless chromium, nothing fetched from outside", async (t) => {
  const run = await start();
  const { page } = run;
  try {
    await t.step(
      "the test sees requests that leave 127.0.0.1, from a page and a worker",
      async () => {
        // A page of the test server without the viewer's Content-Security-Policy.
        await page.goto(`${run.base}no-such-page`);
        await page.evaluate(() => {
          fetch("http://192.0.2.1/from-page").catch(() => {});
          const code = 'fetch("http://192.0.2.1/from-worker").catch(() => {});';
          new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
        });
        const deadline = Date.now() + 10_000;
        while (new Set(run.outside).size < 2 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
        }
        // (Chromium reports the worker's request on the page's session too.)
        const seen = [...new Set(run.outside)].sort();
        run.outside.length = 0;
        await page.goto(run.base, { waitUntil: "load" });
        assert.deepEqual(seen, [
          "http://192.0.2.1/from-page",
          "http://192.0.2.1/from-worker",
        ]);
      },
    );

    await t.step("a numpy .npy: verdict and values", async () => {
      await open(run, `${DATA}halves.npy`);
      assert.match(await text(page, ".verdict"), /^numpy loads it/);
      assert.match(await text(page, "#verdict"), /byte for byte what np.save writes/);
      assert.equal(await text(page, "#values pre"), EXPECTED.print["halves.npy"]);
      assert.match(await text(page, "#header"), /descr\s+'<f8'/);
      assert.match(await text(page, "#header"), /shape\s+\(10,\)/);
      assert.ok(await nonBlank(page, "#line") > 0.005, "the line plot is drawn");
      assert.ok(await nonBlank(page, "#histogram") > 0.01, "the histogram is drawn");
      assert.match(await text(page, "#stats"), /mean\s+2\.25/);
      await shot(page, "halves");
    });

    await t.step(
      "a big-endian structured file: verdict, header and a table of records",
      async () => {
        await open(run, `${DATA}records_be.npy`);
        assert.match(await text(page, ".verdict"), /^numpy loads it/);
        assert.match(await text(page, "#header"), /'>i4'/);
        const table = await text(page, "#table table");
        assert.match(table, /id\s+x\s+name/);
        assert.match(table, /3\s+3.e\+10\s+b'gamma'/);
        assert.equal(await text(page, "#values pre"), EXPECTED.print["records_be.npy"]);
        await shot(page, "records_be");
      },
    );

    await t.step("a refused file: the right finding, in the validator's words", async () => {
      await open(run, `${DATA}truncated.npy`);
      assert.match(await text(page, ".verdict"), /^numpy refuses it/);
      const finding = await text(page, "#verdict li[data-rule=data-truncated]");
      assert.match(finding, /Failed to read all data for array/);
      assert.match(finding, /Fix: write all count \* itemsize bytes/);
      assert.equal(await page.$("#values"), null, "no values for a refused file");
      await shot(page, "truncated");
    });

    await t.step(
      "an object array: refused with a hint, its values shown once the switch is on",
      async () => {
        assert.equal(
          await page.$eval("#allow-pickle", (e) => (e as HTMLInputElement).checked),
          false,
        );
        await open(run, `${DATA}objects.npy`);
        assert.match(await text(page, ".verdict"), /only with np\.load\(f, allow_pickle=True\)/);
        assert.match(await text(page, "#verdict li[data-rule=object-dtype]"), /allow_pickle/);
        assert.match(await text(page, "#verdict .pickle-hint"), /allow pickle.* switch/);
        assert.match(await text(page, "#header"), /descr\s+'\|O'/);
        assert.equal(await page.$("#values"), null, "no values while the switch is off");
        await shot(page, "objects_off");
        // The switch, by keyboard: the page reads the file again.
        await page.evaluate(() => {
          document.body.dataset.state = "";
        });
        await page.focus("#allow-pickle");
        await page.keyboard.press("Space");
        await page.waitForSelector("body[data-state=done]");
        assert.equal(
          await page.$eval("#allow-pickle", (e) => (e as HTMLInputElement).checked),
          true,
        );
        assert.equal(await page.$("#verdict .pickle-hint"), null);
        assert.equal(
          await text(page, "#values pre"),
          EXPECTED.print["objects.npy"],
        );
        assert.match(await text(page, "#values .note"), /as numpy prints them/);
        await shot(page, "objects_on");
      },
    );

    await t.step("with the switch on: an .npz's object member shows its values", async () => {
      await open(run, `${DATA}mixed.npz`);
      await page.evaluate(() => {
        document.body.dataset.state = "";
      });
      await page.click("#archive button[data-key=objs]");
      await page.waitForSelector("body[data-state=done]");
      assert.equal(
        await text(page, "#values pre"),
        EXPECTED.print["objects.npy"],
      );
    });

    await t.step(
      "with the switch on: a pickle that calls posix.system is refused, the global named",
      async () => {
        await open(run, `${DATA}unsafe_system.npy`);
        assert.match(await text(page, ".verdict"), /^Unsafe: .*calls posix\.system/);
        assert.match(
          await text(page, "#verdict li[data-rule=pickle-unsafe-global]"),
          /the pickle calls posix\.system \(REDUCE\)/,
        );
        assert.match(
          await text(page, "#values [data-code=PICKLE_UNSAFE_GLOBAL]"),
          /^The safe reader refuses it: REDUCE calls posix\.system, a global outside the whitelist/,
        );
        await shot(page, "unsafe_system");
        // Off again: the refusal of any object array, and the hint.
        await page.evaluate(() => {
          document.body.dataset.state = "";
        });
        await page.click("#allow-pickle");
        await page.waitForSelector("body[data-state=done]");
        assert.equal(await page.$("#values"), null);
        assert.match(await text(page, "#verdict .pickle-hint"), /allow pickle/);
      },
    );

    await t.step("an .npz: its members listed, each openable by keyboard", async () => {
      await open(run, `${DATA}pair.npz`);
      assert.match(
        await text(page, "#archive .verdict"),
        /np\.load\(f\) returns an NpzFile of 2 members/,
      );
      assert.match(await text(page, "#archive"), /a\.npy: 176 bytes, stored/);
      // The first member is opened at once.
      assert.match(await text(page, "#verdict .verdict"), /^numpy loads it/);
      assert.match(await text(page, "#verdict h2"), /pair\.npz: a\.npy/);
      assert.equal(await text(page, "#values pre"), EXPECTED.print["pair.npz/a.npy"]);
      await page.evaluate(() => {
        document.body.dataset.state = "";
      });
      await page.focus("#archive button[data-key=b]");
      await page.keyboard.press("Enter");
      await page.waitForSelector("body[data-state=done]");
      assert.equal(await text(page, "#values pre"), EXPECTED.print["pair.npz/b.npy"]);
      assert.equal(
        await page.$eval("#archive button[data-key=b]", (b) => b.getAttribute("aria-pressed")),
        "true",
      );
      await shot(page, "pair_npz");
    });

    await t.step("an .npz with a damaged member: numpy's CRC error for that member", async () => {
      await open(run, `${DATA}pair_bad_crc.npz`);
      assert.match(await text(page, "#archive .verdict"), /returns an NpzFile of 2 members/);
      await page.evaluate(() => {
        document.body.dataset.state = "";
      });
      await page.click("#archive button[data-key=b]");
      await page.waitForSelector("body[data-state=done]");
      assert.match(
        await text(page, "#member-error"),
        new RegExp(EXPECTED.print["pair_bad_crc.npz/b.npy"].replace("BadZipFile: ", "")),
      );
    });

    await t.step("a 2-D array: a heatmap that is not blank, a colour bar, NaN apart", async () => {
      await open(run, `${DATA}wave_2d.npy`);
      assert.ok(await nonBlank(page, "#heatmap") > 0.5, "the heatmap is drawn");
      assert.ok(await nonBlank(page, "#colorbar") > 0.9, "the colour bar is drawn");
      assert.match(await text(page, ".colorbar"), /NaN/);
      const nanShown = await page.$eval("#heatmap", (c) => {
        const canvas = c as HTMLCanvasElement;
        // Row 24, column 40 of the 60 × 90 array is NaN: drawn red.
        const d = canvas.getContext("2d")!.getImageData(40, 24, 1, 1).data;
        return [d[0], d[1], d[2]];
      });
      assert.deepEqual(nanShown, [0xd6, 0x27, 0x28]);
      assert.match(await text(page, "#stats"), /NaN\s+120/);
      assert.equal(await text(page, "#values pre"), EXPECTED.print["wave_2d.npy"]);
      await shot(page, "wave_2d");
    });

    await t.step("an RGB image is shown as the image", async () => {
      await open(run, `${DATA}image_rgb.npy`);
      const px = await page.$eval("#image", (c) => {
        const d = (c as HTMLCanvasElement).getContext("2d")!.getImageData(63, 0, 1, 1).data;
        return [d[0], d[1], d[2], d[3]];
      });
      assert.deepEqual(px, [255, 255, 96, 255]);
      assert.equal(await text(page, "#values pre"), EXPECTED.print["image_rgb.npy"]);
      await shot(page, "image_rgb");
    });

    await t.step(
      `a ${BIG_MIB} MiB file: the verdict within 100 times the header's reading time, the page never blocked`,
      async () => {
        const path = await Deno.makeTempFile({ prefix: "npy-web-", suffix: ".npy" });
        try {
          const n = BIG_MIB * 2 ** 17;
          // np.save's header for a (n,) float64 array, then its data in 16 MiB writes
          // (past 256 MiB the rest is left as zeros, a sparse file).
          const file = await Deno.open(path, { write: true, truncate: true });
          await file.write(
            writeHeader({ dtype: parseDescr("<f8"), shape: [n], fortranOrder: false }),
          );
          const block = new Float64Array(2 << 20);
          for (let i = 0; i < block.length; i++) block[i] = Math.sin(i / 1000);
          for (let done = 0; done < Math.min(n, (256 << 20) / 8); done += block.length) {
            await file.write(new Uint8Array(block.buffer));
          }
          await file.truncate(128 + n * 8);
          file.close();
          assert.equal((await Deno.stat(path)).size, 128 + BIG_MIB * 2 ** 20);

          // Main-thread tasks over 50 ms while the file is read, as the browser reports them.
          await page.evaluate(() => {
            document.body.dataset.state = "";
            const w = globalThis as unknown as { longTasks: number[] };
            w.longTasks = [];
            new PerformanceObserver((list) => {
              for (const e of list.getEntries()) w.longTasks.push(e.duration);
            }).observe({ entryTypes: ["longtask"] });
          });
          const input = await page.$("#file");
          await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
          await page.waitForSelector(".verdict", { timeout: 30_000 });
          // From the input's change event to the verdict on the page, in the page's clock.
          const verdictMs = Number(
            await page.$eval("body", (b) => (b as HTMLElement).dataset.verdictMs),
          );
          // Reading the header in this browser, in this run: one Blob.slice of 64 KiB.
          const headerMs = await page.$eval("#file", async (i) => {
            const f = (i as HTMLInputElement).files![0];
            const times: number[] = [];
            for (let k = 0; k < 5; k++) {
              const s = performance.now();
              await f.slice(0, 65536).arrayBuffer();
              times.push(performance.now() - s);
            }
            return Math.min(...times);
          });
          assert.match(await text(page, ".verdict"), /^numpy loads it/);
          assert.match(await text(page, "#verdict"), /Judged from the header and the file size/);
          await page.waitForSelector("body[data-state=done]", { timeout: 300_000 });
          const doneMs = Number(await page.$eval("body", (b) => (b as HTMLElement).dataset.doneMs));
          const longTasks = await page.evaluate(() =>
            (globalThis as unknown as { longTasks: number[] }).longTasks
          );
          if (BIG_MIB === 256) {
            // numpy 2.4: print(np.tile(np.sin(np.arange(2 << 20) / 1000), 16))
            assert.equal(
              await text(page, "#values pre"),
              "[ 0.          0.001       0.002      ... -0.99077929 -0.99064331\n -0.99050634]",
            );
          }
          assert.match(
            await text(page, "#stats"),
            new RegExp(`histogram of one value in ${Math.ceil((BIG_MIB * 2 ** 17) / 200_000)} `),
          );
          assert.match(
            await text(page, "#stats"),
            new RegExp(`count\\s+${(BIG_MIB * 2 ** 17).toLocaleString("en")}`),
          );
          assert.ok(await nonBlank(page, "#histogram") > 0.01, "the histogram is drawn");
          await shot(page, `big_${BIG_MIB}mib`);
          console.log(
            `${BIG_MIB} MiB: verdict on the page ${verdictMs.toFixed(1)} ms after the file was ` +
              `picked, header slice ${headerMs.toFixed(2)} ms (ratio ${
                (verdictMs / headerMs).toFixed(1)
              }), statistics over every value done after ${doneMs.toFixed(0)} ms, ` +
              `main-thread tasks over 50 ms: ${JSON.stringify(longTasks.map(Math.round))}`,
          );
          assert.ok(
            verdictMs <= 100 * Math.max(headerMs, 2),
            `verdict ${verdictMs} ms vs header ${headerMs} ms`,
          );
          assert.ok(verdictMs < 1000, `verdict after ${verdictMs} ms`);
          assert.ok(
            longTasks.every((d) => d < 200),
            `the page was blocked: ${longTasks.join(", ")} ms`,
          );
        } finally {
          await Deno.remove(path);
        }
      },
    );

    await t.step("readable at 320 px wide", async () => {
      await open(run, `${DATA}wave_2d.npy`);
      await page.setViewport({ width: 320, height: 800 });
      const overflow = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than 320 px`);
      await shot(page, "narrow_320");
      await page.setViewport({ width: 900, height: 900 });
    });

    await t.step(
      "the reader table: open when a reader fails, folded when all read it",
      async () => {
        await open(run, `${DATA}records_be.npy`);
        assert.equal(
          await page.$eval("#readers details", (d) => (d as HTMLDetailsElement).open),
          true,
        );
        assert.match(await text(page, "#readers summary"), /1 of 7 read it; npyjs, .* do not/);
        assert.match(await text(page, "#readers tr[data-reader=cnpy]"), /cnpy\/shape/);
        await open(run, `${DATA}image_rgb.npy`);
        assert.equal(
          await page.$eval("#readers details", (d) => (d as HTMLDetailsElement).open),
          false,
        );
        assert.match(await text(page, "#readers summary"), /7 of 7 read it/);
      },
    );

    await t.step("a picture for the README: verdict, header, values and heatmap", async () => {
      await open(run, `${DATA}wave_2d.npy`);
      await page.setViewport({ width: 760, height: 900 });
      const bottom = await page.$eval("#picture", (e) => e.getBoundingClientRect().bottom);
      await page.screenshot({
        path: `${OUT}/readme.png`,
        clip: { x: 0, y: 0, width: 760, height: Math.ceil(bottom + 8) },
      });
      await page.setViewport({ width: 900, height: 900 });
    });

    await t.step(
      "keyboard: the file input is the first thing Tab reaches, the pickle switch the next",
      async () => {
        await page.goto(run.base, { waitUntil: "load" });
        await page.keyboard.press("Tab");
        assert.equal(await page.evaluate(() => document.activeElement?.id), "file");
        await page.keyboard.press("Tab");
        assert.equal(await page.evaluate(() => document.activeElement?.id), "allow-pickle");
        assert.match(
          await page.$eval("#allow-pickle", (e) => (e as HTMLInputElement).labels![0].textContent!),
          /Allow pickle/,
        );
        assert.match(await text(page, "#pickle-help"), /never runs code/);
      },
    );

    await t.step("no request left 127.0.0.1", () => {
      assert.deepEqual(run.outside, []);
      assert.ok(
        run.requests.some((u) => u.endsWith("/worker.js")),
        "the worker came from the server",
      );
    });
  } finally {
    await run.close();
  }
});
