import type { SandboxContext } from "./core/context";
import { seededRandom } from "./core/random";
import { seedDemoBilling } from "./resources/billing/demo";
import { createJwtTemplate, type JwtTemplateInput } from "./resources/jwt-templates/repo";
import { seedDemoRules } from "./resources/protect/demo";
import { refreshUserDerived } from "./resources/users/repo";
import { withBulkSearchIndex } from "./resources/users/search-index";
import type { InstanceRecord } from "./tenancy/instances";

/** What to put in a fresh sandbox: the demo data set, nothing, or N generated users. */
export interface SeedSpec {
  users: number;
  organizations: number;
  /** Demo mode: fixed ids, names and timestamps, identical on every run. */
  demo: boolean;
}

export class SeedSpecError extends Error {}

/** Parses `--seed demo|empty|<N>` (N users). */
export function parseSeed(value: string): SeedSpec {
  if (value === "demo") return { users: 24, organizations: 4, demo: true };
  if (value === "empty") return { users: 0, organizations: 0, demo: false };
  if (/^\d+$/.test(value)) return { users: Number(value), organizations: Math.floor(Number(value) / 20), demo: false };
  throw new SeedSpecError(`--seed must be "demo", "empty" or a number of users, not "${value}".`);
}

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Linus",
  "Margaret",
  "Dennis",
  "Barbara",
  "Ken",
  "Frances",
  "John",
  "Radia",
  "Tim",
  "Hedy",
  "Donald",
  "Katherine",
  "Edsger",
  "Sophie",
  "Guido",
  "Anita",
  "Bjarne",
  "Joan",
  "Niklaus",
  "Shafi",
  "Leslie",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Torvalds",
  "Hamilton",
  "Ritchie",
  "Liskov",
  "Thompson",
  "Allen",
  "McCarthy",
  "Perlman",
  "Berners-Lee",
  "Lamarr",
  "Knuth",
  "Johnson",
  "Dijkstra",
  "Wilson",
  "van Rossum",
  "Borg",
  "Stroustrup",
  "Clarke",
  "Wirth",
  "Goldwasser",
  "Lamport",
];
const ORGS = [
  "Analytical Engines",
  "Compiler Guild",
  "Bletchley Labs",
  "Kernel Collective",
  "Apollo Guidance",
  "Unix Heritage",
  "Distributed Systems Co",
  "Type Theory Club",
];

/** A JWT template for the demo, so the panel and `clerk jwt-templates` have one to show and mint with. */
const DEMO_JWT_TEMPLATE: JwtTemplateInput = {
  name: "api",
  claims: {
    aud: "https://api.example.com",
    email: "{{user.primary_email_address}}",
    name: "{{user.full_name}}",
    plan: "{{user.public_metadata.plan}}",
    org: "{{org.slug}}",
    org_role: "{{org.role}}",
  },
  lifetime: 300,
};

/** The demo data set's fixed epoch: 2025-01-06T09:00:00Z. */
export const DEMO_EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0);
const HOUR = 3_600_000;

/**
 * Seeds one instance with bulk inserts in a single transaction (100,000 users take seconds).
 * Demo seeding swaps in a deterministic random source and a frozen clock so ids, emails and
 * timestamps repeat exactly from run to run.
 */
export function seedInstance(sb: SandboxContext, instance: InstanceRecord, spec: SeedSpec): void {
  if (spec.users === 0 && spec.organizations === 0) return;
  const savedClock = sb.clock.save();
  const savedRandom = sb.random;
  if (spec.demo) {
    sb.setRandom(seededRandom(instance.environment_type === "production" ? 2 : 1));
    sb.clock.set(DEMO_EPOCH, true);
  }
  const base = spec.demo ? DEMO_EPOCH : sb.clock.now() - spec.users * 60_000;
  try {
    sb.tx(() =>
      withBulkSearchIndex(sb, () => {
        const insertUser = sb.stmt(
          `INSERT INTO users (id, instance_id, external_id, username, first_name, last_name, public_metadata, banned,
           last_sign_in_at, last_active_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const insertEmail = sb.stmt(
          `INSERT INTO email_addresses (id, instance_id, user_id, email_address, email_lower, verified,
           verification_strategy, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 'admin', ?, ?)`,
        );
        const insertPhone = sb.stmt(
          `INSERT INTO phone_numbers (id, instance_id, user_id, phone_number, verified, verification_strategy,
           created_at, updated_at) VALUES (?, ?, ?, ?, 1, 'admin', ?, ?)`,
        );
        const userIds: string[] = [];
        for (let i = 0; i < spec.users; i++) {
          const at = spec.demo ? base + i * HOUR : base + i * 60_000;
          if (spec.demo) sb.clock.set(at, true);
          const first = FIRST[i % FIRST.length] as string;
          const last = LAST[(i * 7) % LAST.length] as string;
          const id = sb.newId("user");
          const handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
          const suffix = i < FIRST.length ? "" : String(i);
          insertUser.run(
            id,
            instance.id,
            i % 3 === 0 ? `ext_${1000 + i}` : null,
            i % 2 === 0 ? `${handle.replace(".", "_")}${suffix}` : null,
            first,
            last,
            JSON.stringify(i % 4 === 0 ? { plan: "pro" } : { plan: "free" }),
            spec.demo && i % 11 === 5 ? 1 : 0,
            i % 5 === 0 ? null : at + 2 * HOUR,
            i % 5 === 0 ? null : at + 3 * HOUR,
            at,
            at,
          );
          insertEmail.run(
            sb.newId("idn"),
            instance.id,
            id,
            `${handle}${suffix}@example.com`,
            `${handle}${suffix}@example.com`,
            at,
            at,
          );
          if (i % 3 === 1) {
            insertPhone.run(sb.newId("idn"), instance.id, id, `+1555${String(1000000 + i).slice(-7)}`, at, at);
          }
          refreshUserDerived(sb, id);
          userIds.push(id);
        }
        const insertOrg = sb.stmt(
          `INSERT INTO organizations (id, instance_id, name, slug, max_allowed_memberships, public_metadata, created_by,
           search, created_at, updated_at) VALUES (?, ?, ?, ?, 0, '{}', ?, ?, ?, ?)`,
        );
        const insertMembership = sb.stmt(
          `INSERT INTO organization_memberships (id, instance_id, organization_id, user_id, role, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        );
        for (let o = 0; o < spec.organizations; o++) {
          const at = base + (spec.demo ? o * 5 * HOUR + 30 * 60_000 : o * 60_000);
          if (spec.demo) sb.clock.set(at, true);
          const name = o < ORGS.length ? (ORGS[o] as string) : `Organization ${o + 1}`;
          const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
          const orgId = sb.newId("org");
          const creator = userIds.length ? (userIds[(o * 5) % userIds.length] as string) : null;
          insertOrg.run(orgId, instance.id, name, slug, creator, `${orgId}\n${name}\n${slug}`.toLowerCase(), at, at);
          const members = new Set<string>();
          if (creator) members.add(creator);
          for (let k = 1; k < 5 && userIds.length; k++)
            members.add(userIds[(o * 5 + k * 3) % userIds.length] as string);
          for (const userId of members) {
            insertMembership.run(
              sb.newId("orgmem"),
              instance.id,
              orgId,
              userId,
              userId === creator ? "org:admin" : "org:member",
              at,
              at,
            );
          }
        }
        // Appended last, so the users' and organizations' demo ids stay what they were.
        if (spec.demo) {
          seedDemoBilling(sb, instance.id, base - 7 * 24 * HOUR);
          sb.clock.set(base + spec.users * HOUR, true);
          createJwtTemplate(sb, instance.id, DEMO_JWT_TEMPLATE);
          seedDemoRules(sb, instance.id);
        }
      }),
    );
    // Fresh statistics let SQLite pick its plans for the new size (a search drives from the
    // trigram index instead of walking every user); sampled, so it stays quick at 100,000 users.
    sb.db.exec("PRAGMA analysis_limit = 1000; ANALYZE");
  } finally {
    sb.setRandom(savedRandom);
    sb.clock.restore(savedClock);
  }
}
