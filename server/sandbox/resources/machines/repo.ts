import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { randomToken } from "../../core/ids";

export interface MachineRow {
  id: string;
  instance_id: string;
  name: string;
  default_token_ttl: number;
  secret_key: string;
  previous_secret_key: string | null;
  previous_secret_expires_at: number | null;
  created_at: number;
  updated_at: number;
}

/** Clerk's default lifetime of a machine's tokens, in seconds. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
/** Clerk's cap on how many machines one machine may be scoped to. */
export const MAX_SCOPES = 150;

/** `ak_…`: a machine secret key authenticates the machine's calls to the M2M token endpoints. */
export function newMachineSecretKey(sb: SandboxContext): string {
  return `ak_${randomToken(sb.random, 40)}`;
}

export function findMachine(sb: SandboxContext, instanceId: string, machineId: string): MachineRow | undefined {
  return sb.stmt("SELECT * FROM machines WHERE id = ? AND instance_id = ?").get(machineId, instanceId) as
    | MachineRow
    | undefined;
}

export function requireMachine(sb: SandboxContext, instanceId: string, machineId: string): MachineRow {
  const row = findMachine(sb, instanceId, machineId);
  if (!row) {
    throw SandboxApiError.one(404, "resource_not_found", "not found", `No machine was found with id ${machineId}`);
  }
  return row;
}

/** The machine whose current key, or previous key still inside its rotation grace period, this is. */
export function machineBySecretKey(sb: SandboxContext, key: string): MachineRow | undefined {
  return sb
    .stmt(
      `SELECT * FROM machines WHERE secret_key = @key
         OR (previous_secret_key = @key AND previous_secret_expires_at > @now)`,
    )
    .get({ key, now: sb.clock.now() }) as MachineRow | undefined;
}

/** Ids of the machines `machineId` may call, oldest grant first. */
export function scopedMachineIds(sb: SandboxContext, machineId: string): string[] {
  return sb
    .stmt("SELECT to_machine_id FROM machine_scopes WHERE from_machine_id = ? ORDER BY created_at, to_machine_id")
    .pluck()
    .all(machineId) as string[];
}

function serializeBare(row: MachineRow) {
  return {
    object: "machine",
    id: row.id,
    name: row.name,
    instance_id: row.instance_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    default_token_ttl: row.default_token_ttl,
  };
}

export function serializeMachine(sb: SandboxContext, row: MachineRow) {
  const scoped = sb
    .stmt(
      `SELECT m.* FROM machine_scopes s JOIN machines m ON m.id = s.to_machine_id
       WHERE s.from_machine_id = ? ORDER BY s.created_at, m.id`,
    )
    .all(row.id) as MachineRow[];
  return { ...serializeBare(row), scoped_machines: scoped.map(serializeBare) };
}

export function insertScope(sb: SandboxContext, instanceId: string, fromId: string, toId: string): number {
  if (fromId === toId) {
    throw errors.paramValueInvalid("to_machine_id", "A machine cannot be scoped to itself.");
  }
  requireMachine(sb, instanceId, toId);
  const exists = sb
    .stmt("SELECT 1 FROM machine_scopes WHERE from_machine_id = ? AND to_machine_id = ?")
    .get(fromId, toId);
  if (exists) {
    throw errors.conflict(
      "duplicate_record",
      "machine scope already exists",
      `Machine ${fromId} is already scoped to machine ${toId}.`,
    );
  }
  const count = sb.stmt("SELECT count(*) FROM machine_scopes WHERE from_machine_id = ?").pluck().get(fromId) as number;
  if (count >= MAX_SCOPES) {
    throw errors.paramValueInvalid("to_machine_id", `A machine can be scoped to at most ${MAX_SCOPES} machines.`);
  }
  const now = sb.clock.now();
  sb.stmt("INSERT INTO machine_scopes (from_machine_id, to_machine_id, created_at) VALUES (?, ?, ?)").run(
    fromId,
    toId,
    now,
  );
  return now;
}
