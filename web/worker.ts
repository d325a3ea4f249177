// Copyright 2026 the npy authors. MIT license.
// The page's worker: reads the file in slices and reports what it finds, so
// that the page never waits on a big file.

import type { Reply, Request } from "./_protocol.ts";
import { inspect } from "./_inspect.ts";

interface WorkerScope {
  onmessage: ((e: MessageEvent<Request>) => void) | null;
  postMessage(message: Reply, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;

function transferables(reply: Reply): Transferable[] {
  if (reply.type !== "picture") return [];
  const p = reply.picture;
  if (p.kind === "heatmap") return [p.values.buffer];
  if (p.kind === "image") return [p.rgba.buffer];
  if (p.kind === "line") return [p.x.buffer, p.y.buffer];
  return [];
}

let current = 0;

/** Thrown from `post` when a newer file was opened: the older reading stops there. */
class Superseded extends Error {}

scope.onmessage = async (e) => {
  const request = e.data;
  if (request.type !== "open") return;
  const run = ++current;
  // Replies of an earlier file still being read are dropped.
  const post = (reply: Reply) => {
    if (run !== current) throw new Superseded();
    scope.postMessage(reply, transferables(reply));
  };
  try {
    await inspect(request.file, request.name, post);
  } catch (err) {
    if (err instanceof Superseded) return;
    post({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
};
