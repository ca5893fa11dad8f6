import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { type InstanceRecord, instanceById } from "../../tenancy/instances";

export interface DomainRow {
  id: string;
  instance_id: string;
  name: string;
  is_satellite: number;
  is_provider_domain: number;
  is_secondary: number;
  proxy_url: string | null;
  stage: string;
  failure: string | null;
  last_dns_check_at: number | null;
  created_at: number;
  updated_at: number;
}

/** Where a new domain starts: production domains need DNS set up, development ones do not. */
function initialStage(instance: InstanceRecord): string {
  return instance.environment_type === "production" ? "dns_pending" : "complete";
}

/**
 * The primary domain's name, derived from the instance's Frontend API host: production hosts
 * are `clerk.<domain>`, development hosts are the domain itself.
 */
export function primaryDomainName(instance: InstanceRecord): string {
  const host = instance.frontend_api_host;
  return instance.environment_type === "production" ? host.replace(/^clerk\./, "") : host;
}

const ORDER = "ORDER BY created_at DESC, rowid DESC";

/** The instance's primary domain, created on first use (it exists as long as the instance does). */
export function ensurePrimaryDomain(sb: SandboxContext, instance: InstanceRecord): DomainRow {
  const existing = sb.stmt("SELECT * FROM domains WHERE instance_id = ? AND is_satellite = 0").get(instance.id) as
    | DomainRow
    | undefined;
  if (existing) return existing;
  const row: DomainRow = {
    id: sb.newId("dmn"),
    instance_id: instance.id,
    name: primaryDomainName(instance),
    is_satellite: 0,
    is_provider_domain: 0,
    is_secondary: 0,
    proxy_url: null,
    stage: initialStage(instance),
    failure: null,
    last_dns_check_at: null,
    created_at: instance.created_at,
    updated_at: instance.created_at,
  };
  insertDomain(sb, row);
  return row;
}

/** Makes sure every instance has its primary domain row, for sandbox-wide listings. */
export function ensureAllPrimaryDomains(sb: SandboxContext): void {
  const missing = sb
    .stmt(
      "SELECT * FROM instances i WHERE NOT EXISTS (SELECT 1 FROM domains d WHERE d.instance_id = i.id AND d.is_satellite = 0)",
    )
    .all() as InstanceRecord[];
  if (missing.length === 0) return;
  sb.tx(() => {
    for (const instance of missing) ensurePrimaryDomain(sb, instance);
  });
}

function insertDomain(sb: SandboxContext, row: DomainRow): void {
  sb.stmt(
    `INSERT INTO domains (id, instance_id, name, is_satellite, is_provider_domain, is_secondary, proxy_url, stage,
       failure, last_dns_check_at, created_at, updated_at)
     VALUES (@id, @instance_id, @name, @is_satellite, @is_provider_domain, @is_secondary, @proxy_url, @stage,
       @failure, @last_dns_check_at, @created_at, @updated_at)`,
  ).run(row);
}

/** The instance's domains, newest first (Clerk's order), its primary included. */
export function listInstanceDomains(sb: SandboxContext, instance: InstanceRecord): DomainRow[] {
  ensurePrimaryDomain(sb, instance);
  return sb.stmt(`SELECT * FROM domains WHERE instance_id = ? ${ORDER}`).all(instance.id) as DomainRow[];
}

/** Domains are addressed by id or by name. */
export function findDomain(sb: SandboxContext, instance: InstanceRecord, idOrName: string): DomainRow | undefined {
  ensurePrimaryDomain(sb, instance);
  return sb
    .stmt("SELECT * FROM domains WHERE instance_id = ? AND (id = ? OR name = ?)")
    .get(instance.id, idOrName, idOrName.toLowerCase()) as DomainRow | undefined;
}

export function requireDomain(sb: SandboxContext, instance: InstanceRecord, idOrName: string): DomainRow {
  const row = findDomain(sb, instance, idOrName);
  if (!row) throw errors.notFound("Domain");
  return row;
}

/** A domain anywhere in the sandbox, by id or name (workspace-wide lookups, test controls). */
export function findAnyDomain(sb: SandboxContext, idOrName: string): DomainRow | undefined {
  ensureAllPrimaryDomains(sb);
  return sb.stmt("SELECT * FROM domains WHERE id = ? OR name = ?").get(idOrName, idOrName.toLowerCase()) as
    | DomainRow
    | undefined;
}

export function domainById(sb: SandboxContext, id: string): DomainRow {
  return sb.stmt("SELECT * FROM domains WHERE id = ?").get(id) as DomainRow;
}

export function domainInstance(sb: SandboxContext, row: DomainRow): InstanceRecord {
  return instanceById(sb, row.instance_id) as InstanceRecord;
}

export function isDomainNameTaken(sb: SandboxContext, name: string, exceptId = ""): boolean {
  // Primary domains not yet materialized still own their derived names.
  ensureAllPrimaryDomains(sb);
  return sb.stmt("SELECT 1 FROM domains WHERE name = ? AND id != ?").get(name, exceptId) !== undefined;
}

export interface NewSatellite {
  name: string;
  proxy_url: string | null;
  is_provider_domain: boolean;
}

export function insertSatelliteDomain(sb: SandboxContext, instance: InstanceRecord, domain: NewSatellite): DomainRow {
  ensurePrimaryDomain(sb, instance);
  const now = sb.clock.now();
  const row: DomainRow = {
    id: sb.newId("dmn"),
    instance_id: instance.id,
    name: domain.name,
    is_satellite: 1,
    is_provider_domain: domain.is_provider_domain ? 1 : 0,
    is_secondary: 0,
    proxy_url: domain.proxy_url,
    stage: initialStage(instance),
    failure: null,
    last_dns_check_at: null,
    created_at: now,
    updated_at: now,
  };
  insertDomain(sb, row);
  return row;
}

export interface DomainChanges {
  name?: string;
  proxy_url?: string | null;
  is_secondary?: boolean;
}

/** Applies changes; a new name starts DNS setup over, as its records must be created again. */
export function updateDomain(sb: SandboxContext, row: DomainRow, changes: DomainChanges): DomainRow {
  const renamed = changes.name !== undefined && changes.name !== row.name;
  const instance = domainInstance(sb, row);
  sb.stmt(
    `UPDATE domains SET name = ?, proxy_url = ?, is_secondary = ?, stage = ?, failure = ?, last_dns_check_at = ?,
       updated_at = ? WHERE id = ?`,
  ).run(
    changes.name ?? row.name,
    changes.proxy_url === undefined ? row.proxy_url : changes.proxy_url,
    changes.is_secondary === undefined ? row.is_secondary : changes.is_secondary ? 1 : 0,
    renamed ? initialStage(instance) : row.stage,
    renamed ? null : row.failure,
    renamed ? null : row.last_dns_check_at,
    sb.clock.now(),
    row.id,
  );
  return domainById(sb, row.id);
}

export function deleteDomain(sb: SandboxContext, row: DomainRow): void {
  sb.stmt("DELETE FROM domains WHERE id = ?").run(row.id);
}
