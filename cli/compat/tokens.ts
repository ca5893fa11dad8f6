import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { SandboxHandle } from "../../server/sandbox/testing/harness";

/**
 * The placeholders of reference-lines.json (`{user}`, `{org}`, …) and how the suite makes each
 * one real: a fresh resource of the sandbox, created through its Backend API, per line.
 */
type Resolve = (tokens: LineTokens) => Promise<string>;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`set-up request failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Items already handed to a line: destructive lines each get their own. */
const used = new Set<string>();
async function nextUnused(sandbox: SandboxHandle, path: string, accept: (item: Record<string, unknown>) => boolean) {
  const page = await json<{ data: Record<string, unknown>[] }>(await sandbox.bapi("GET", path));
  const item = page.data.find((candidate) => accept(candidate) && !used.has(String(candidate.id)));
  if (!item) throw new Error(`set-up: no unused item left at ${path}`);
  used.add(String(item.id));
  return item;
}

/** A user or organization paying an active subscription of the demo billing data. */
async function payer(t: LineTokens, field: "user_id" | "organization_id") {
  const page = await json<{ data: { id: string; status: string; payer: Record<string, string> }[] }>(
    await t.sandbox.bapi("GET", "/billing/subscription_items?limit=100"),
  );
  const item = page.data.find((i) => i.status === "active" && !used.has(i.id) && i.payer[field]);
  if (!item) throw new Error(`set-up: no active subscription paid by a ${field}`);
  return item.payer[field];
}

let phones = 0;

const RESOLVERS: Record<string, Resolve> = {
  email: async () => `compat-${unique()}@example.com`,
  // +1 202 555-01xx (numbers kept for fiction), never one of newUser's random +1555… numbers.
  phone: async () => `+1202555${String(100 + phones++).padStart(4, "0")}`,
  secret_key: async (t) => t.sandbox.secretKey,
  app: async (t) => t.sandbox.credentials.application_id,
  user: async (t) => String((await t.userRecord()).id),
  email_id: async (t) => String((await t.userRecord()).email_addresses[0]?.id),
  user_email: async (t) => String((await t.userRecord()).email_addresses[0]?.email_address),
  phone_id: async (t) => String((await t.userRecord()).phone_numbers[0]?.id),
  org: async (t) => {
    const org = await json(await t.sandbox.bapi("POST", "/organizations", { name: `Compat ${unique()}` }));
    return String(org.id);
  },
  member: async (t) => {
    const user = await t.newUser();
    await json(
      await t.sandbox.bapi("POST", `/organizations/${await t.get("org")}/memberships`, {
        user_id: user.id,
        role: "org:member",
      }),
    );
    return String(user.id);
  },
  org_invitation: async (t) => {
    const invitation = await json(
      await t.sandbox.bapi("POST", `/organizations/${await t.get("org")}/invitations`, {
        email_address: await t.get("email"),
        role: "org:member",
      }),
    );
    return String(invitation.id);
  },
  invitation: async (t) =>
    String(
      (await json(await t.sandbox.bapi("POST", "/invitations", { email_address: `inv-${unique()}@example.com` }))).id,
    ),
  session: async (t) =>
    String((await json(await t.sandbox.bapi("POST", "/sessions", { user_id: await t.get("user") }))).id),
  api_key: async (t) =>
    String(
      (
        await json(
          await t.sandbox.bapi("POST", "/api_keys", { name: `compat ${unique()}`, subject: await t.get("user") }),
        )
      ).id,
    ),
  domain: async (t) =>
    String(
      (
        await json(
          await t.sandbox.bapi("POST", "/domains", { name: `sat-${unique()}.example.com`, is_satellite: true }),
        )
      ).id,
    ),
  jwt_template: async (t) =>
    String((await json(await t.sandbox.bapi("POST", "/jwt_templates", { name: `compat-${unique()}`, claims: {} }))).id),
  machine: async (t) =>
    String((await json(await t.sandbox.bapi("POST", "/machines", { name: `compat ${unique()}` }))).id),
  m2m_token: async (t) => {
    const machine = await t.get("machine");
    const secret = await json(await t.sandbox.bapi("GET", `/machines/${machine}/secret_key`));
    const token = await json(
      await fetch(`${t.sandbox.apiUrl}/m2m_tokens`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret.secret}`, "content-type": "application/json" },
        body: "{}",
      }),
    );
    return String(token.token);
  },
  rule: async (t) =>
    String(
      (
        await json(
          await t.sandbox.bapi("POST", "/protect/rulesets/SIGN_IN/rules", {
            expression: "ip.privacy.is_vpn == true",
            action: "BLOCK",
          }),
        )
      ).id,
    ),
  allowlist_id: async (t) =>
    String(
      (await json(await t.sandbox.bapi("POST", "/allowlist_identifiers", { identifier: `al-${unique()}@example.com` })))
        .id,
    ),
  blocklist_id: async (t) =>
    String(
      (await json(await t.sandbox.bapi("POST", "/blocklist_identifiers", { identifier: `bl-${unique()}@example.com` })))
        .id,
    ),
  actor_token: async (t) =>
    String(
      (
        await json(
          await t.sandbox.bapi("POST", "/actor_tokens", {
            user_id: await t.get("user"),
            actor: { sub: "user_compat" },
          }),
        )
      ).id,
    ),
  subscription_item: async (t) => {
    // Paid items; the few in a free trial are kept for {trial_item}.
    const item = await nextUnused(
      t.sandbox,
      "/billing/subscription_items?limit=100",
      (i) => i.status === "active" && i.is_free_trial !== true,
    );
    t.item = item as unknown as ItemRecord;
    return String(item.id);
  },
  trial_item: async (t) =>
    String((await nextUnused(t.sandbox, "/billing/subscription_items?limit=100", (i) => i.is_free_trial === true)).id),
  /** Another price {subscription_item} can move to now: for the same kind of payer, costing at least as much. */
  price: async (t) => {
    await t.get("subscription_item");
    const item = t.item as ItemRecord;
    const prices = await json<{ data: PriceRecord[] }>(await t.sandbox.bapi("GET", "/billing/prices?limit=100"));
    const plans = await json<{ data: { id: string; for_payer_type: string }[] }>(
      await t.sandbox.bapi("GET", "/billing/plans?limit=100"),
    );
    const payerType = (planId: string) => plans.data.find((plan) => plan.id === planId)?.for_payer_type;
    const perPeriod = (p: PriceRecord) =>
      item.plan_period === "annual" ? p.annual_monthly_fee.amount * 12 : p.fee.amount;
    const current = prices.data.find((p) => p.id === item.price_id);
    const price = prices.data.find(
      (p) =>
        current &&
        p.id !== current.id &&
        payerType(p.plan_id) === payerType(item.plan_id) &&
        perPeriod(p) >= perPeriod(current),
    );
    if (!price) throw new Error(`set-up: no price ${item.id} can move to now`);
    return price.id;
  },
  subscribed_user: async (t) => String((await payer(t, "user_id")) ?? ""),
  subscribed_org: async (t) => String((await payer(t, "organization_id")) ?? ""),
  statement: async (t) => String((await nextUnused(t.sandbox, "/billing/statements?limit=100", () => true)).id),
  webhook_secret: async (t) => t.webhook().secret,
  webhook_id: async (t) => t.webhook().id,
  webhook_timestamp: async (t) => t.webhook().timestamp,
  webhook_signature: async (t) => t.webhook().signature,
  webhook_body: async (t) => t.webhook().body,
  webhook_delivery: async (t) => {
    const { id, timestamp, signature, body } = t.webhook();
    return JSON.stringify({
      headers: { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": signature },
      body,
    });
  },
};

export const TOKEN_NAMES = Object.keys(RESOLVERS);

interface ItemRecord {
  id: string;
  plan_id: string;
  price_id: string;
  plan_period: "month" | "annual";
}
interface PriceRecord {
  id: string;
  plan_id: string;
  fee: { amount: number };
  annual_monthly_fee: { amount: number };
}

interface SignedDelivery {
  secret: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
}

interface UserRecord {
  id: string;
  email_addresses: { id: string; email_address: string }[];
  phone_numbers: { id: string }[];
}

/** The tokens of one line: each resolved once, so `{org}` is the same org everywhere in the line. */
export class LineTokens {
  private readonly values = new Map<string, Promise<string>>();
  private user?: Promise<UserRecord>;
  item?: ItemRecord;

  constructor(readonly sandbox: SandboxHandle) {}

  async newUser(): Promise<UserRecord> {
    const n = unique();
    return json<UserRecord>(
      await this.sandbox.bapi("POST", "/users", {
        email_address: [`user-${n}@example.com`],
        phone_number: [`+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`],
        password: "testpassword",
        skip_password_checks: true,
      }),
    );
  }

  private signed?: SignedDelivery;

  /**
   * A webhook delivery signed now, by an independent implementation (`standardwebhooks`), with a
   * fresh signing secret: the line's {webhook_*} tokens are its parts.
   */
  webhook(): SignedDelivery {
    if (!this.signed) {
      const secret = `whsec_${randomBytes(24).toString("base64")}`;
      const id = `msg_compat${unique()}`;
      const now = new Date();
      const body = JSON.stringify({
        type: "user.created",
        object: "event",
        data: { id: "user_compat", object: "user" },
      });
      this.signed = {
        secret,
        id,
        timestamp: String(Math.floor(now.getTime() / 1000)),
        signature: new Webhook(secret).sign(id, now, body),
        body,
      };
    }
    return this.signed;
  }

  userRecord(): Promise<UserRecord> {
    this.user ??= this.newUser();
    return this.user;
  }

  get(name: string): Promise<string> {
    const resolve = RESOLVERS[name];
    if (!resolve) throw new Error(`unknown token {${name}}`);
    // Every {email} and {phone} is a fresh one (`--emails {email},{email}`); other tokens are one resource.
    if (name === "email" || name === "phone") return resolve(this);
    let value = this.values.get(name);
    if (!value) {
      value = resolve(this);
      this.values.set(name, value);
    }
    return value;
  }

  /** Replaces every `{token}` of `text`. */
  async fill(text: string): Promise<string> {
    let result = "";
    let last = 0;
    for (const match of text.matchAll(/\{([a-z0-9_]+)\}/g)) {
      const name = match[1] as string;
      if (!(name in RESOLVERS)) continue;
      result += text.slice(last, match.index) + (await this.get(name));
      last = (match.index ?? 0) + match[0].length;
    }
    return result + text.slice(last);
  }
}
