// Copyright 2026 the npy authors. MIT license.
// Serves a built page folder on 127.0.0.1, files only, nothing else.
//
//   deno task web     (deno task build:web, then this on dist/web at port 8765,
//                      allowed to read dist/web and listen on 127.0.0.1:8765 only)

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  map: "application/json",
  png: "image/png",
};

/** Serves the files of `root` on 127.0.0.1:`port` (0 picks a free port). */
export function serveDir(root: string, port: number): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({ hostname: "127.0.0.1", port, onListen: () => {} }, async (req) => {
    const path = decodeURIComponent(new URL(req.url).pathname);
    if (req.method !== "GET" && req.method !== "HEAD") {
      return new Response("method not allowed", { status: 405 });
    }
    const name = path === "/" ? "index.html" : path.slice(1);
    if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith(".")) {
      return new Response("not found", { status: 404 });
    }
    try {
      const body = await Deno.readFile(`${root}/${name}`);
      const ext = name.slice(name.lastIndexOf(".") + 1);
      return new Response(body, {
        headers: {
          "content-type": TYPES[ext] ?? "application/octet-stream",
          "cache-control": "no-store",
        },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
}

if (import.meta.main) {
  const root = Deno.args[0] ?? "dist/web";
  const port = Number(Deno.args[1] ?? 8765);
  const server = serveDir(root, port);
  console.log(`npy viewer: http://127.0.0.1:${server.addr.port}/  (Ctrl-C stops it)`);
}
