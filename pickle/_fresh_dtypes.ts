// Copyright 2026 the npy authors. MIT license.
// Which dtypes are numpy dtype objects of their own rather than numpy's
// shared singletons (native-order bool, int, uint, float, complex, object).
// When numpy unpickles a nested array stored in the other byte order it
// swaps it to native order with a new dtype object; re-pickled, that dtype is
// written anew where a singleton would be a memo reference. The unpickler
// marks such dtypes; the pickler writes a marked dtype without sharing it.

/** Native-order dtypes that numpy made anew (byte-swapped copies), never singletons. */
export const FRESH_DTYPES: WeakSet<object> = new WeakSet();
