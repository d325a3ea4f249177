// Copyright 2026 the npy authors. MIT license.
// .npz archives on the page: np.load's NpzFile over the dropped Blob (only
// the zip directory is read at open), and one member at a time through the
// same inspection as a .npy file.

import { NpyError } from "../codec/errors.ts";
import { type NpzFile, openNpz } from "../zip/npz_file.ts";
import { notArrayError, sniff } from "../zip/load_any.ts";
import { inspect, type InspectOptions, readRange } from "./_inspect.ts";
import type { Reply } from "./_protocol.ts";

/** Reports on any file np.load takes: a .npy, or an .npz and its first array. */
export async function inspectFile(
  file: Blob,
  name: string,
  post: (reply: Reply) => void,
  options: InspectOptions = {},
): Promise<NpzFile | undefined> {
  const head = await readRange(file, 0, Math.min(file.size, 8));
  const kind = sniff(head);
  if (kind !== "npz") {
    // np.load's own refusal of a file that is neither .npy nor zip, beside the validator's.
    const loadError = kind === "npy"
      ? undefined
      : notArrayError(kind).message.replace(/ \(at byte \d+\)$/, "");
    await inspect(file, name, post, { ...options, loadError, pickleFile: kind === "pickle" });
    return undefined;
  }
  let npz: NpzFile;
  try {
    npz = await openNpz(file);
  } catch (e) {
    if (!(e instanceof NpyError)) throw e;
    post({ type: "archive", name, size: file.size, members: [], error: e.message });
    post({ type: "done", ms: 0 });
    return undefined;
  }
  post({
    type: "archive",
    name,
    size: file.size,
    members: npz.members.filter((m) => !m.isDirectory).map((m) => ({
      key: m.key,
      name: m.name,
      size: m.size,
      compressedSize: m.compressedSize,
      compression: m.compression,
    })),
    error: null,
  });
  const first = npz.members.find((m) => !m.isDirectory);
  if (first) await inspectMember(npz, first.key, name, post, options);
  else post({ type: "done", ms: 0 });
  return npz;
}

/** Reports on one member of an open archive, as `npz[key]` reads it. */
export async function inspectMember(
  npz: NpzFile,
  key: string,
  archive: string,
  post: (reply: Reply) => void,
  options: InspectOptions = {},
): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await npz.bytes(key);
  } catch (e) {
    if (!(e instanceof NpyError)) throw e;
    post({ type: "member", key, error: e.message, notNpy: false });
    post({ type: "done", ms: 0 });
    return;
  }
  const kind = sniff(bytes.subarray(0, 8));
  post({ type: "member", key, error: null, notNpy: kind !== "npy" });
  if (kind !== "npy") {
    post({ type: "done", ms: 0 });
    return;
  }
  const info = npz.info(key);
  await inspect(
    new Blob([bytes as Uint8Array<ArrayBuffer>]),
    `${archive}: ${info.name}`,
    post,
    options,
  );
}
