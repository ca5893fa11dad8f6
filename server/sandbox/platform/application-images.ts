import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../core/context";
import { errors, SandboxApiError } from "../core/errors";
import { instancesOfApplication } from "../tenancy/instances";
import { serializeApplication } from "./applications";
import { type AppParams, requireApplication } from "./lookup";

/** The largest image Clerk takes for an application's logo or favicon. */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** The media types each image may have, as its multipart part declares them. */
const IMAGE_TYPES = {
  logo: ["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"],
  favicon: ["image/x-icon", "image/vnd.microsoft.icon", "image/png", "image/gif", "image/jpeg"],
} as const;

type ImageKind = keyof typeof IMAGE_TYPES;

/** The `file` part of a multipart body, checked against the types `kind` takes. */
async function uploadedImage(body: unknown, kind: ImageKind): Promise<{ bytes: Buffer; type: string }> {
  const file = body instanceof FormData ? body.get("file") : null;
  if (!(file instanceof Blob)) throw errors.paramMissing("file");
  const type = file.type.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!(IMAGE_TYPES[kind] as readonly string[]).includes(type)) {
    throw errors.badRequest(
      "image_type_invalid",
      "invalid image",
      `The ${kind} must be one of ${IMAGE_TYPES[kind].join(", ")}.`,
      {
        param_name: "file",
      },
    );
  }
  if (file.size === 0) throw errors.paramInvalid("file", "file must not be empty.");
  if (file.size > MAX_IMAGE_BYTES) {
    throw SandboxApiError.one(413, "request_body_too_large", "file too large", `The ${kind} must be at most 10 MB.`, {
      param_name: "file",
    });
  }
  return { bytes: Buffer.from(await file.arrayBuffer()), type };
}

/**
 * An application's logo and favicon: uploaded as multipart `file`, replaced by the next upload,
 * deleted (404 when there is none). The Platform API answers with the application, which does
 * not show them; the sandbox keeps each image's digest, type and size.
 */
export function applicationImageRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const answer = (applicationId: string) => {
    const application = requireApplication(sb, applicationId);
    return serializeApplication(application, instancesOfApplication(sb, application.id), false);
  };

  for (const kind of Object.keys(IMAGE_TYPES) as ImageKind[]) {
    app.post<{ Params: AppParams }>(`/applications/:applicationID/${kind}`, async (request) => {
      const application = requireApplication(sb, request.params.applicationID);
      const image = await uploadedImage(request.body, kind);
      sb.stmt(
        `INSERT INTO platform_application_images (application_id, kind, sha256, content_type, size, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (application_id, kind) DO UPDATE SET sha256 = excluded.sha256,
           content_type = excluded.content_type, size = excluded.size, created_at = excluded.created_at`,
      ).run(
        application.id,
        kind,
        createHash("sha256").update(image.bytes).digest("hex"),
        image.type,
        image.bytes.length,
        sb.clock.now(),
      );
      return answer(application.id);
    });

    app.delete<{ Params: AppParams }>(`/applications/:applicationID/${kind}`, async (request) => {
      const application = requireApplication(sb, request.params.applicationID);
      const removed = sb
        .stmt("DELETE FROM platform_application_images WHERE application_id = ? AND kind = ?")
        .run(application.id, kind);
      if (!removed.changes) throw errors.notFound(kind === "logo" ? "Logo" : "Favicon");
      return answer(application.id);
    });
  }
}
