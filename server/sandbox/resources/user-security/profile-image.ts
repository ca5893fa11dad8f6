import { createHash } from "node:crypto";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { emitUser } from "../users/mutations";
import { requireUser, type UserRow } from "../users/repo";

/** The image types Clerk takes for profile images, by their leading bytes. */
const SIGNATURES: { type: string; matches(bytes: Buffer): boolean }[] = [
  { type: "image/png", matches: (b) => b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])) },
  { type: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", matches: (b) => b.subarray(0, 4).toString("latin1") === "GIF8" },
  {
    type: "image/webp",
    matches: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  },
];

/** Clerk's image URLs proxy the stored upload: `img.clerk.com/<base64url of {type, src}>`. */
function imageUrl(sha256: string): string {
  const src = `https://images.clerk.dev/uploaded/img_${sha256.slice(0, 27)}`;
  return `https://img.clerk.com/${Buffer.from(JSON.stringify({ type: "proxy", src })).toString("base64url")}`;
}

/**
 * Reads the `file` part of a multipart body as an image. The sandbox keeps its digest, type
 * and size (not the bytes); the user's `image_url` points at the digest.
 */
export async function readImage(body: unknown): Promise<{ bytes: Buffer; type: string }> {
  const file = body instanceof FormData ? body.get("file") : null;
  if (!(file instanceof Blob)) {
    throw SandboxApiError.one(400, "form_param_missing", "file must be included", "file must be included", {
      param_name: "file",
    });
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = SIGNATURES.find((signature) => signature.matches(bytes))?.type;
  if (!type) {
    throw errors.badRequest("image_type_invalid", "invalid image", "The file must be a PNG, JPEG, GIF or WebP image.", {
      param_name: "file",
    });
  }
  return { bytes, type };
}

/** The URL Clerk serves an uploaded image (a user's, an organization's or an OAuth application's logo) at. */
export function uploadedImageUrl(image: { bytes: Buffer }): string {
  return imageUrl(createHash("sha256").update(image.bytes).digest("hex"));
}

export function setProfileImage(sb: SandboxContext, userId: string, image: { bytes: Buffer; type: string }): void {
  const sha256 = createHash("sha256").update(image.bytes).digest("hex");
  const now = sb.clock.now();
  sb.stmt(
    `INSERT INTO user_profile_images (user_id, sha256, content_type, size, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET sha256 = excluded.sha256, content_type = excluded.content_type,
       size = excluded.size, created_at = excluded.created_at`,
  ).run(userId, sha256, image.type, image.bytes.length, now);
  sb.stmt("UPDATE users SET image_url = ?, updated_at = ? WHERE id = ?").run(imageUrl(sha256), now, userId);
}

/** Back to Clerk's default avatar; a user without an uploaded image gets Clerk's 404. */
export function deleteProfileImage(sb: SandboxContext, userId: string): void {
  const removed = sb.stmt("DELETE FROM user_profile_images WHERE user_id = ?").run(userId);
  const hadUrl = sb.stmt("SELECT image_url IS NOT NULL FROM users WHERE id = ?").pluck().get(userId);
  if (!removed.changes && !hadUrl) {
    throw SandboxApiError.one(404, "image_not_found", "not found", "This user has no profile image.");
  }
  sb.stmt("UPDATE users SET image_url = NULL, updated_at = ? WHERE id = ?").run(sb.clock.now(), userId);
}

/** Sets the user's profile image from a multipart `file` (both APIs); answers the user. */
export async function uploadProfileImage(sb: SandboxContext, row: UserRow, body: unknown) {
  const image = await readImage(body);
  return sb.tx(() => {
    setProfileImage(sb, row.id, image);
    return emitUser(sb, row.instance_id, "user.updated", requireUser(sb, row.instance_id, row.id));
  });
}

/** Back to the default avatar (both APIs); answers the user. */
export function removeProfileImage(sb: SandboxContext, row: UserRow) {
  return sb.tx(() => {
    deleteProfileImage(sb, row.id);
    return emitUser(sb, row.instance_id, "user.updated", requireUser(sb, row.instance_id, row.id));
  });
}
