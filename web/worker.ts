// Copyright 2026 the npy authors. MIT license.
// The page's worker: reads the file in slices and reports what it finds, so
// that the page never waits on a big file.

import type { Reply, Request } from "./_protocol.ts";
import type { NpzFile } from "../zip/npz_file.ts";
import { inspectFile, inspectMember } from "./_archive.ts";

interface WorkerScope {
  onmessage: ((e: MessageEvent<Request>) => void) | null;
  postMessage(message: Reply, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;

/** An image's pixels are handed over rather than copied; nothing else is used after posting. */
function transferables(reply: Reply): Transferable[] {
  if (reply.type === "picture" && reply.picture.kind === "image") {
    return [reply.picture.rgba.buffer];
  }
  return [];
}

let current = 0;
/** The archive open on the page, and its name. */
let archive: { npz: NpzFile; name: string } | undefined;

/** Thrown from `post` when a newer file was opened: the older reading stops there. */
class Superseded extends Error {}

scope.onmessage = async (e) => {
  const request = e.data;
  const run = ++current;
  // Replies of an earlier file still being read are dropped.
  const post = (reply: Reply) => {
    if (run !== current) throw new Superseded();
    scope.postMessage(reply, transferables(reply));
  };
  try {
    if (request.type === "open") {
      const old = archive;
      archive = undefined;
      await old?.npz.close();
      const npz = await inspectFile(request.file, request.name, post, {
        allowPickle: request.allowPickle,
      });
      if (npz) archive = { npz, name: request.name };
    } else if (archive) {
      await inspectMember(archive.npz, request.key, archive.name, post, {
        allowPickle: request.allowPickle,
      });
    }
  } catch (err) {
    if (err instanceof Superseded) return;
    post({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
};
