import { z } from "zod";
import { checkMetadataSize, mergeMetadata } from "../../core/metadata";

type Metadata = Record<string, unknown>;

/** Metadata as stored (JSON text), checked against Clerk's 8KB limit. */
export function metadataJson(value: Metadata | null | undefined, param: string): string {
  return checkMetadataSize(value ?? {}, param);
}

/**
 * The stored metadata after a change: `merge` deep-merges (a `null` value deletes its key),
 * `replace` swaps the whole field; an absent field keeps its current value.
 */
export function nextMetadata(
  current: string,
  change: Metadata | null | undefined,
  mode: "merge" | "replace",
  param: string,
): string {
  if (change === undefined) return current;
  const value = mode === "replace" ? (change ?? {}) : mergeMetadata(JSON.parse(current) as Metadata, change ?? {});
  return metadataJson(value, param);
}

/** A metadata field in a request body: any JSON object. */
export const metadataSchema = z.record(z.string(), z.unknown());
