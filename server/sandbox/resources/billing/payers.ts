import type { SandboxContext } from "../../core/context";
import type { InstanceRecord } from "../../tenancy/instances";
import { DEFAULT_IMAGE_URL } from "../users/repo";

export interface PayerRow {
  id: string;
  instance_id: string;
  user_id: string | null;
  organization_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface PaymentMethodRow {
  id: string;
  payer_id: string;
  card_type: string;
  last4: string;
  expiry_month: number;
  expiry_year: number;
  created_at: number;
  updated_at: number;
}

interface PayerIdentity {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  organization_name: string | null;
  image_url: string | null;
}

export function payerById(sb: SandboxContext, payerId: string): PayerRow {
  return sb.stmt("SELECT * FROM billing_payers WHERE id = ?").get(payerId) as PayerRow;
}

function identityOf(sb: SandboxContext, payer: PayerRow): PayerIdentity {
  if (payer.user_id) {
    return sb
      .stmt(
        `SELECT first_name, last_name, primary_email AS email, NULL AS organization_name, image_url
         FROM users WHERE id = ?`,
      )
      .get(payer.user_id) as PayerIdentity;
  }
  return sb
    .stmt(
      `SELECT NULL AS first_name, NULL AS last_name, NULL AS email, name AS organization_name, image_url
       FROM organizations WHERE id = ?`,
    )
    .get(payer.organization_id) as PayerIdentity;
}

/** `CommercePayerResponse`: who pays, with the user's or organization's name. */
export function serializePayer(sb: SandboxContext, payer: PayerRow) {
  const identity = identityOf(sb, payer);
  const common = {
    object: "commerce_payer",
    id: payer.id,
    instance_id: payer.instance_id,
    image_url: identity.image_url ?? DEFAULT_IMAGE_URL,
    created_at: payer.created_at,
    updated_at: payer.updated_at,
  };
  return payer.user_id
    ? {
        ...common,
        user_id: payer.user_id,
        first_name: identity.first_name,
        last_name: identity.last_name,
        email: identity.email,
      }
    : { ...common, organization_id: payer.organization_id, organization_name: identity.organization_name };
}

/** The stricter payer shape of the trial and price-transition answers: names are strings there. */
export function serializePayerDetail(sb: SandboxContext, payer: PayerRow) {
  const base = serializePayer(sb, payer);
  const identity = identityOf(sb, payer);
  return {
    ...base,
    first_name: identity.first_name ?? "",
    last_name: identity.last_name ?? "",
    email: identity.email ?? "",
  };
}

export function paymentMethodById(sb: SandboxContext, id: string): PaymentMethodRow {
  return sb.stmt("SELECT * FROM billing_payment_methods WHERE id = ?").get(id) as PaymentMethodRow;
}

/** Stripe's id for the card; the sandbox derives one from its own id. */
const gatewayId = (row: PaymentMethodRow) => `pm_${row.id.slice(-24)}`;

export function serializePaymentMethod(row: PaymentMethodRow) {
  return {
    object: "commerce_payment_method",
    id: row.id,
    payer_id: row.payer_id,
    payment_type: "card",
    is_default: true,
    gateway: "stripe",
    gateway_external_id: gatewayId(row),
    gateway_external_account_id: null,
    last4: row.last4,
    status: "active",
    wallet_type: null,
    card_type: row.card_type,
    expiry_year: row.expiry_year,
    expiry_month: row.expiry_month,
    created_at: row.created_at,
    updated_at: row.updated_at,
    is_removable: false,
  };
}

/** The same card as the older `commerce_source` shape the trial and transition answers use. */
export function serializePaymentSource(row: PaymentMethodRow) {
  return {
    object: "commerce_source",
    id: row.id,
    payer_id: row.payer_id,
    payment_method: "card",
    is_default: true,
    gateway: "stripe",
    gateway_external_id: gatewayId(row),
    last4: row.last4,
    status: "active",
    wallet_type: "",
    card_type: row.card_type,
    expiry_year: row.expiry_year,
    expiry_month: row.expiry_month,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The instance's Stripe account that payments go to. */
export function payeeOf(instance: Pick<InstanceRecord, "id">) {
  const id = `cpayee_${instance.id.slice(4)}`;
  return {
    id,
    object: "commerce_payee",
    gateway_type: "stripe",
    gateway_external_id: `acct_${instance.id.slice(-16)}`,
  };
}
