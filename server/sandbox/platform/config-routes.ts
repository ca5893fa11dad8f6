import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import { queryBoolean, queryOf } from "../core/http";
import { CONFIG_KEYS, defaultInstanceConfig, instanceConfigJsonSchema } from "../tenancy/config";
import { readConfig, writeConfig } from "../tenancy/instances";
import {
  applyConfigWrite,
  checkIfMatch,
  configView,
  requestedKeys,
  sameJson,
  validateConfig,
  type WriteMode,
} from "./config-document";
import { type InstanceParams, requireApplication, requireInstance } from "./lookup";

const CONFIG_PATH = "/applications/:applicationID/instances/:envOrInsID/config";

type ConfigRequest = FastifyRequest<{ Params: InstanceParams }>;

/** Platform API `…/instances/{envOrInsID}/config`: the instance's settings as one document. */
export function configRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const instanceOf = (request: ConfigRequest) =>
    requireInstance(sb, requireApplication(sb, request.params.applicationID), request.params.envOrInsID);

  app.get<{ Params: InstanceParams }>(CONFIG_PATH, async (request) => {
    const instance = instanceOf(request);
    const keys = requestedKeys(queryOf(request)) ?? CONFIG_KEYS;
    return { config_version: String(instance.config_version), ...configView(readConfig(instance), keys) };
  });

  app.get<{ Params: InstanceParams }>(`${CONFIG_PATH}/schema`, async (request) => {
    instanceOf(request);
    const keys = requestedKeys(queryOf(request)) ?? CONFIG_KEYS;
    const schema = instanceConfigJsonSchema();
    const properties = schema.properties as Record<string, unknown>;
    return {
      $schema: schema.$schema,
      $id: "urn:clerk-sandbox:instance-config",
      title: "Instance config",
      type: "object",
      properties: Object.fromEntries(keys.map((key) => [key, properties[key]])),
      required: keys,
      additionalProperties: false,
    };
  });

  /**
   * PATCH and PUT: validate, honor `If-Match`, and write unless `dry_run`. The response shows
   * the touched keys (or `keys`) before and after; `config_version` only moves when something
   * changed. A `config_version` in the body (as GET returns it) is ignored.
   */
  const write = (mode: WriteMode["mode"]) => async (request: ConfigRequest) => {
    const query = queryOf(request);
    const dryRun = queryBoolean(query, "dry_run") ?? false;
    const destructive = queryBoolean(query, "destructive") ?? false;
    const responseKeys = requestedKeys(query);
    if (typeof request.body !== "object" || request.body === null || Array.isArray(request.body)) {
      throw errors.malformedRequest("The request body must be a JSON object keyed by config key.");
    }
    const { config_version: _ignored, ...changes } = request.body as Record<string, unknown>;
    return sb.tx(() => {
      const instance = instanceOf(request);
      checkIfMatch(request.headers["if-match"], instance.config_version);
      const current = readConfig(instance);
      const defaults = defaultInstanceConfig(instance.environment_type);
      const next = validateConfig(applyConfigWrite(current, changes, defaults, { mode, destructive }));
      const keys = responseKeys ?? CONFIG_KEYS.filter((key) => key in changes);
      const version = dryRun || sameJson(current, next) ? instance.config_version : writeConfig(sb, instance.id, next);
      return {
        config_version: String(version),
        dry_run: dryRun,
        before: configView(current, keys),
        after: configView(next, keys),
      };
    });
  };
  app.patch<{ Params: InstanceParams }>(CONFIG_PATH, write("merge"));
  app.put<{ Params: InstanceParams }>(CONFIG_PATH, write("replace"));
}
