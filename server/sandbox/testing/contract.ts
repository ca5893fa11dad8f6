import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse as parseYaml } from "yaml";
import { contractDeviations } from "./deviations";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const SPEC_DIR = fileURLToPath(new URL("../../../shared/clerk-openapi/", import.meta.url));
/**
 * Clerk's documents, plus local fragments for APIs Clerk does not document (each file's header
 * says why); a fragment may `$ref` Clerk's schemas as `bapi#/…`.
 */
export const SPEC_FILES = {
  bapi: join(SPEC_DIR, "bapi-2025-11-10.yml"),
  platform: join(SPEC_DIR, "platform-beta.yml"),
  protect: fileURLToPath(new URL("./openapi/protect-rules.yml", import.meta.url)),
} as const;
export type SpecName = keyof typeof SPEC_FILES;
/** Describes the requests Clerk sends (`x-webhooks`), not operations it serves. */
export const WEBHOOKS_SPEC_FILE = "webhooks-2025-04-15.yml";

type Json = Record<string, unknown>;

/** Parsing 900 KB of YAML per test file is slow; cache the JSON form by content hash. */
export function loadSpec(name: SpecName | "webhooks"): Json {
  const text = readFileSync(name === "webhooks" ? join(SPEC_DIR, WEBHOOKS_SPEC_FILE) : SPEC_FILES[name], "utf8");
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 16);
  const cacheDir = join(tmpdir(), "clerk-panel-contract-cache");
  const cacheFile = join(cacheDir, `${name}-${hash}.json`);
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, "utf8")) as Json;
  const spec = parseYaml(text, { maxAliasCount: -1 }) as Json;
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(spec));
  return spec;
}

/**
 * OpenAPI 3.0 `nullable: true` is not JSON Schema: rewrite it as `anyOf [null, schema]` so it
 * also works beside `oneOf`/`allOf`/`$ref`, where Ajv's own `nullable` support does not reach.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === "discriminator" || key === "example" || key === "examples") continue;
    out[key] = toJsonSchema(value);
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [{ type: "null" }, out] };
  }
  delete out.nullable;
  return out;
}

function resolveRef(node: Json, spec: Json): Json {
  if (typeof node.$ref !== "string") return node;
  return node.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<Json>((at, key) => at[key] as Json, spec);
}

/**
 * The webhooks document extends closed objects with `allOf` (`allOf: [Session, {properties:
 * {user}, required: [user]}]` where Session says `additionalProperties: false`), which JSON
 * Schema reads as "no payload is valid". Such an `allOf` of plain objects is merged into one
 * closed object with every member's properties, as the document means; nothing else changes.
 */
function mergeClosedAllOf(node: unknown, spec: Json): unknown {
  if (Array.isArray(node)) return node.map((item) => mergeClosedAllOf(item, spec));
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) out[key] = mergeClosedAllOf(value, spec);
  if (!Array.isArray(out.allOf)) return out;
  const members = (out.allOf as Json[]).map((member) => mergeClosedAllOf(resolveRef(member, spec), spec) as Json);
  const closed = members.some((member) => member.additionalProperties === false);
  const plain = members.every((member) => !member.allOf && !member.anyOf && !member.oneOf);
  if (!closed || !plain) return out;
  const { allOf: _merged, ...rest } = out;
  return {
    ...rest,
    type: "object",
    properties: Object.assign({}, ...members.map((member) => member.properties ?? {})),
    required: [...new Set(members.flatMap((member) => (member.required as string[] | undefined) ?? []))],
    additionalProperties: false,
  };
}

export interface Operation {
  spec: SpecName;
  method: string;
  path: string;
  operationId: string;
  pattern: RegExp;
  responses: Json;
}

export interface Violation {
  operation: string;
  status: number;
  url: string;
  problem: string;
}

/** Statuses Clerk's gateway can answer on any route, always with the ClerkErrors envelope. */
const ENVELOPE_STATUSES = new Set([400, 401, 403, 404, 405, 422, 429, 500, 503]);

function pointer(...parts: string[]): string {
  return parts.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

export class ContractValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: false, logger: false, validateFormats: true });
  private readonly operations: Operation[] = [];
  private readonly specs = new Map<SpecName, Json>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly webhooks: Json;
  readonly violations: Violation[] = [];
  /** `METHOD path` of each spec operation seen, with the statuses observed. */
  readonly exercised = new Map<string, Set<number>>();
  /** `METHOD path` of each spec operation a catalog action called (useActionSandbox), so the run can say which have no action. */
  readonly reachedByActions = new Set<string>();

  constructor() {
    addFormats(this.ajv);
    for (const name of Object.keys(SPEC_FILES) as SpecName[]) {
      const spec = loadSpec(name);
      this.specs.set(name, spec);
      this.ajv.addSchema(toJsonSchema(spec) as Json, name);
      for (const [path, item] of Object.entries(spec.paths as Json)) {
        const pattern = new RegExp(`^/v1${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
        for (const [method, op] of Object.entries(item as Json)) {
          if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
          const operation = op as Json;
          this.operations.push({
            spec: name,
            method: method.toUpperCase(),
            path,
            operationId: String(operation.operationId),
            pattern,
            responses: operation.responses as Json,
          });
        }
      }
    }
    this.webhooks = loadSpec("webhooks");
    this.ajv.addSchema(toJsonSchema(mergeClosedAllOf(this.webhooks, this.webhooks)) as Json, "webhooks");
    // A literal segment beats a parameter: `/users/count` is not `/users/{user_id}`.
    const parameters = (op: Operation) => op.path.split("{").length;
    this.operations.sort((a, b) => parameters(a) - parameters(b));
  }

  allOperations(): readonly Operation[] {
    return this.operations;
  }

  find(method: string, pathname: string): Operation | undefined {
    return this.operations.find((op) => op.method === method && op.pattern.test(pathname));
  }

  private resolveResponse(spec: SpecName, response: Json): { response: Json; base: string } {
    let current = response;
    let base = "";
    while (typeof current.$ref === "string") {
      const ref = current.$ref.replace(/^#\//, "");
      base = ref;
      current = ref.split("/").reduce<Json>((node, key) => node[key] as Json, this.specs.get(spec) as Json);
    }
    return { response: current, base };
  }

  private validator(op: Operation, statusKey: string): ValidateFunction | null | undefined {
    const key = `${op.spec} ${op.method} ${op.path} ${statusKey}`;
    if (this.compiled.has(key)) return this.compiled.get(key);
    const raw = op.responses[statusKey] as Json | undefined;
    if (!raw) return undefined;
    const { response, base } = this.resolveResponse(op.spec, raw);
    const content = (response.content as Json | undefined)?.["application/json"] as Json | undefined;
    if (!content?.schema) {
      this.compiled.set(key, null as unknown as ValidateFunction);
      return null;
    }
    const ref = base
      ? `${op.spec}#/${pointer(...base.split("/"), "content", "application/json", "schema")}`
      : `${op.spec}#/${pointer("paths", op.path, op.method.toLowerCase(), "responses", statusKey, "content", "application/json", "schema")}`;
    const validate = this.ajv.compile({ $ref: ref });
    this.compiled.set(key, validate);
    return validate;
  }

  private envelopeValidator(): ValidateFunction {
    const key = "envelope";
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: "bapi#/components/schemas/ClerkErrors" });
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** Event types the webhooks document describes. */
  webhookEventTypes(): string[] {
    return Object.keys(this.webhooks["x-webhooks"] as Json);
  }

  /**
   * Checks one webhook delivery's body against its event type's schema in the webhooks
   * document; records a violation (operation `webhook <type>`) and returns it when it breaks it.
   */
  checkWebhook(body: string): Violation | undefined {
    let payload: { type?: unknown } | undefined;
    try {
      payload = JSON.parse(body) as { type?: unknown };
    } catch {
      payload = undefined;
    }
    const type = typeof payload?.type === "string" ? payload.type : "(no type)";
    const violation = (problem: string): Violation => {
      const found: Violation = { operation: `webhook ${type}`, status: 0, url: "", problem };
      this.violations.push(found);
      return found;
    };
    if (!payload) return violation("body is not valid JSON");
    if (!this.webhookEventTypes().includes(type)) return violation("event type is not in Clerk's webhooks document");
    const key = `webhook ${type}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({
        $ref: `webhooks#/${pointer("x-webhooks", type, "post", "requestBody", "content", "application/json", "schema")}`,
      });
      this.compiled.set(key, validate);
    }
    if (validate(payload)) return undefined;
    const problems = (validate.errors ?? []).map((error) => {
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      return `${error.instancePath || "/"} ${error.message}${extra ? ` (${extra})` : ""}`;
    });
    return violation(`body does not match the schema: ${problems.join("; ").slice(0, 600)}`);
  }

  /** Notes that a catalog action sent this request (`/v1/…` URL). */
  noteAction(method: string, url: string): void {
    const pathname = new URL(url, "http://sandbox").pathname;
    const op = pathname.startsWith("/v1") ? this.find(method, pathname) : undefined;
    if (op) this.reachedByActions.add(`${op.method} ${op.path}`);
  }

  /** Checks one response; records a violation when it breaks the contract. */
  check(method: string, url: string, status: number, contentType: string | undefined, body: string): void {
    const pathname = url.split("?")[0] as string;
    if (!pathname.startsWith("/v1")) return;
    const op = this.find(method, pathname);
    const name = op ? `${op.method} ${op.path}` : `${method} ${pathname}`;
    const violate = (problem: string) => {
      const deviation = contractDeviations.find((d) => d.matches({ operation: name, status, url, problem }));
      if (!deviation) this.violations.push({ operation: name, status, url, problem });
    };
    if (!op) {
      violate("operation is not in Clerk's OpenAPI documents");
      return;
    }
    const statuses = this.exercised.get(name) ?? new Set<number>();
    statuses.add(status);
    this.exercised.set(name, statuses);

    const statusKey = String(status);
    const declared =
      statusKey in op.responses
        ? statusKey
        : `${statusKey[0]}XX` in op.responses
          ? `${statusKey[0]}XX`
          : "default" in op.responses
            ? "default"
            : undefined;
    // A success documented without content (`GET /public/interstitial`'s HTML page) has no schema to meet.
    const undocumentedBody =
      status < 400 &&
      declared !== undefined &&
      !this.resolveResponse(op.spec, op.responses[declared] as Json).response.content;
    let parsed: unknown;
    if (body.length > 0 && !undocumentedBody) {
      if (!contentType?.startsWith("application/json")) {
        violate(`content type is ${contentType ?? "missing"}, expected application/json`);
        return;
      }
      try {
        parsed = JSON.parse(body);
      } catch {
        violate("body is not valid JSON");
        return;
      }
    }
    if (status >= 400) {
      const validate = this.envelopeValidator();
      if (!validate(parsed))
        violate(`error body is not a ClerkErrors envelope: ${this.ajv.errorsText(validate.errors)}`);
      if (!declared && !ENVELOPE_STATUSES.has(status)) violate(`status ${status} is not declared`);
      return;
    }
    if (!declared) {
      violate(`status ${status} is not declared (declared: ${Object.keys(op.responses).join(", ")})`);
      return;
    }
    const validate = this.validator(op, declared);
    if (validate === null) {
      return;
    }
    if (validate && !validate(parsed)) {
      violate(
        `body does not match the schema: ${this.ajv.errorsText(validate.errors, { separator: "; " }).slice(0, 600)}`,
      );
    }
  }
}
