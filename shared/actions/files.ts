import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { z } from "zod";
import type { Upload } from "../clerk/transport";
import { ActionInputError } from "./errors";

/** The image types Clerk's uploads take (logos, favicons, profile images), by file extension. */
const IMAGE_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};
const KNOWN = "PNG, JPEG, GIF, WebP, SVG or ICO";

/** A path to an image file, read where the action runs (the CLI, or the `clerk ui` server beside it). */
export const imageFile = (what: string) => z.string().min(1).describe(`Path of the ${what} image (${KNOWN})`);

/** The image at `path` as Clerk's multipart `file` part, its type from its extension. */
export async function readImage(path: string): Promise<Upload> {
  const type = IMAGE_TYPES[extname(path).toLowerCase()];
  if (!type) {
    throw new ActionInputError(
      `${path} is not an image Clerk takes.`,
      `Give a ${KNOWN} file (named .png, .jpg, .gif, .webp, .svg or .ico).`,
      "image_type_unknown",
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ActionInputError(
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      "Give the path of an image file that exists and you can read.",
      "file_unreadable",
    );
  }
  return { field: "file", filename: basename(path), type, bytes };
}
