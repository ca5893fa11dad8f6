/**
 * Clerk Billing: plans and their prices, payers (a user or an organization) with a card, one
 * subscription per payer made of subscription items, and statements of payment attempts.
 * Deleting a user or organization deletes its payer and everything billed to it.
 */
export const billingTables = [
  `CREATE TABLE IF NOT EXISTS billing_plans (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    description TEXT,
    product_id TEXT NOT NULL,
    payer_type TEXT NOT NULL CHECK (payer_type IN ('user', 'org')),
    is_default INTEGER NOT NULL,
    publicly_visible INTEGER NOT NULL,
    free_trial_days INTEGER,
    features TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS billing_plans_created ON billing_plans (instance_id, created_at, id)",
  `CREATE TABLE IF NOT EXISTS billing_prices (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    plan_id TEXT NOT NULL REFERENCES billing_plans(id) ON DELETE CASCADE,
    amount INTEGER NOT NULL,
    annual_monthly_amount INTEGER NOT NULL,
    description TEXT,
    is_default INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS billing_prices_plan ON billing_prices (plan_id, created_at)",
  `CREATE TABLE IF NOT EXISTS billing_payers (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    user_id TEXT UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    organization_id TEXT UNIQUE REFERENCES organizations(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS billing_payment_methods (
    id TEXT PRIMARY KEY,
    payer_id TEXT NOT NULL REFERENCES billing_payers(id) ON DELETE CASCADE,
    card_type TEXT NOT NULL,
    last4 TEXT NOT NULL,
    expiry_month INTEGER NOT NULL,
    expiry_year INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS billing_subscriptions (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    payer_id TEXT NOT NULL UNIQUE REFERENCES billing_payers(id) ON DELETE CASCADE,
    active_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS billing_subscription_items (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    subscription_id TEXT NOT NULL REFERENCES billing_subscriptions(id) ON DELETE CASCADE,
    payer_id TEXT NOT NULL REFERENCES billing_payers(id) ON DELETE CASCADE,
    plan_id TEXT NOT NULL REFERENCES billing_plans(id),
    price_id TEXT NOT NULL REFERENCES billing_prices(id),
    plan_period TEXT NOT NULL CHECK (plan_period IN ('month', 'annual')),
    status TEXT NOT NULL,
    is_free_trial INTEGER NOT NULL,
    payment_method_id TEXT REFERENCES billing_payment_methods(id) ON DELETE SET NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER,
    canceled_at INTEGER,
    past_due_at INTEGER,
    ended_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS billing_items_created ON billing_subscription_items (instance_id, created_at, id)",
  "CREATE INDEX IF NOT EXISTS billing_items_subscription ON billing_subscription_items (subscription_id)",
  `CREATE TABLE IF NOT EXISTS billing_statements (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    payer_id TEXT NOT NULL REFERENCES billing_payers(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    timestamp INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS billing_statements_time ON billing_statements (instance_id, timestamp, id)",
  `CREATE TABLE IF NOT EXISTS billing_payment_attempts (
    id TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    statement_id TEXT NOT NULL REFERENCES billing_statements(id) ON DELETE CASCADE,
    payer_id TEXT NOT NULL REFERENCES billing_payers(id) ON DELETE CASCADE,
    subscription_item_id TEXT REFERENCES billing_subscription_items(id) ON DELETE SET NULL,
    payment_method_id TEXT NOT NULL REFERENCES billing_payment_methods(id) ON DELETE CASCADE,
    charge_type TEXT NOT NULL,
    amount INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
    paid_at INTEGER,
    failed_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS billing_attempts_statement ON billing_payment_attempts (statement_id, created_at)",
];
