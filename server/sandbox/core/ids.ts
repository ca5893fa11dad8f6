import type { RandomSource } from "./random";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** KSUID epoch (2014-05-13), as Clerk's ids are KSUIDs: 27 base62 characters, time-ordered. */
const KSUID_EPOCH_SECONDS = 1_400_000_000;
const KSUID_LENGTH = 27;

function base62(bytes: Uint8Array, width: number): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = "";
  while (value > 0n) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(width, "0");
}

/** Makes Clerk-style ids such as `user_2NNEqL2nrIRdJ194ndJqAHwEfxC`. */
export function createIdFactory(random: RandomSource, now: () => number) {
  return (prefix: string): string => {
    const bytes = new Uint8Array(20);
    const seconds = Math.max(0, Math.floor(now() / 1000) - KSUID_EPOCH_SECONDS);
    new DataView(bytes.buffer).setUint32(0, seconds);
    bytes.set(random(16), 4);
    return `${prefix}_${base62(bytes, KSUID_LENGTH)}`;
  };
}

/** A random base62 token of `length` characters, for keys, secrets and codes. */
export function randomToken(random: RandomSource, length: number): string {
  const bytes = random(length);
  let out = "";
  for (const byte of bytes) out += BASE62[byte % 62];
  return out;
}

/**
 * Ids of Clerk's machine-auth objects (`ak_…` API keys, `mt_…` M2M tokens): 32 hex characters
 * rather than KSUIDs, as Clerk's documents specify for them.
 */
export function hexId(random: RandomSource, prefix: string): string {
  return `${prefix}_${Buffer.from(random(16)).toString("hex")}`;
}

export type IdFactory = ReturnType<typeof createIdFactory>;
