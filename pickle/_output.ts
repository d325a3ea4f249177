// Copyright 2026 the npy authors. MIT license.
// The output buffer of the pickler, with the C pickler's framing rules
// (CPython `_pickle.c`: `_Pickler_Write`, `_Pickler_CommitFrame`,
// `_Pickler_OpcodeBoundary`, `_Pickler_write_bytes`).

/** Frames are closed once they hold this many bytes (pickle's `_FRAME_SIZE_TARGET`). */
export const FRAME_SIZE_TARGET = 64 * 1024;
const FRAME_HEADER_SIZE = 9;
const FRAME_SIZE_MIN = 4;
const FRAME = 0x95;

/** A growable byte buffer that frames what it is given (protocol 4). */
export class PickleOutput {
  #buf = new Uint8Array(256);
  #len = 0;
  #frameStart = -1;
  /** Whether writes are framed (protocol 4 while dumping). */
  framing = false;

  #reserve(n: number): void {
    const need = this.#len + n;
    if (need <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
  }

  #openFrame(): void {
    if (this.framing && this.#frameStart === -1) {
      this.#reserve(FRAME_HEADER_SIZE);
      this.#frameStart = this.#len;
      this.#len += FRAME_HEADER_SIZE;
    }
  }

  /** Appends bytes (opening a frame first when framing and none is open). */
  write(bytes: ArrayLike<number>): void {
    this.#openFrame();
    this.#reserve(bytes.length);
    this.#buf.set(bytes, this.#len);
    this.#len += bytes.length;
  }

  /** Appends one byte. */
  byte(b: number): void {
    this.#openFrame();
    this.#reserve(1);
    this.#buf[this.#len++] = b;
  }

  /** Closes the open frame: writes its FRAME header, or drops it for under 4 bytes. */
  commitFrame(): void {
    if (this.#frameStart === -1) return;
    const frameLen = this.#len - this.#frameStart - FRAME_HEADER_SIZE;
    const at = this.#frameStart;
    if (frameLen >= FRAME_SIZE_MIN) {
      this.#buf[at] = FRAME;
      new DataView(this.#buf.buffer).setBigUint64(at + 1, BigInt(frameLen), true);
    } else {
      // Frames under 4 bytes are not worth a header: CPython drops it.
      this.#buf.copyWithin(at, at + FRAME_HEADER_SIZE, this.#len);
      this.#len -= FRAME_HEADER_SIZE;
    }
    this.#frameStart = -1;
  }

  /** Closes the open frame once it holds at least 64 KiB (at the start of every object). */
  opcodeBoundary(): void {
    if (!this.framing || this.#frameStart === -1) return;
    if (this.#len - this.#frameStart - FRAME_HEADER_SIZE >= FRAME_SIZE_TARGET) this.commitFrame();
  }

  /** An opcode and its length field, then a payload: payloads of 64 KiB or more go outside frames. */
  writePayload(header: ArrayLike<number>, data: Uint8Array): void {
    const bypass = data.length >= FRAME_SIZE_TARGET;
    const framing = this.framing;
    if (bypass) {
      this.commitFrame();
      this.framing = false;
    }
    this.write(header);
    this.write(data);
    this.framing = framing;
  }

  /** The bytes written so far. */
  bytes(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}
