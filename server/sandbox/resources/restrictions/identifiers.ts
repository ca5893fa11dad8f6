import { errors } from "../../core/errors";
import { normalizePhone } from "../users/repo";

export type IdentifierType = "email_address" | "phone_number" | "web3_wallet";

export interface ParsedIdentifier {
  identifier: string;
  type: IdentifierType;
  /** `*@example.com`: every address at the domain. */
  wildcard: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN_WILDCARD = /^\*@[^\s@*]+\.[^\s@*]+$/;
const WEB3_WALLET = /^0x[0-9a-fA-F]{40}$/;

/**
 * Works out what an allowlist or blocklist entry is: an email address (or a `*@domain`
 * wildcard), a phone number (stored in E.164) or a web3 wallet.
 */
export function parseRestrictionIdentifier(raw: string): ParsedIdentifier {
  const value = raw.trim();
  if (DOMAIN_WILDCARD.test(value)) return { identifier: value.toLowerCase(), type: "email_address", wildcard: true };
  if (EMAIL.test(value)) return { identifier: value.toLowerCase(), type: "email_address", wildcard: false };
  if (WEB3_WALLET.test(value)) return { identifier: value, type: "web3_wallet", wildcard: false };
  if (/^\+?[\d\s().-]+$/.test(value)) {
    return { identifier: normalizePhone(value, "identifier"), type: "phone_number", wildcard: false };
  }
  throw errors.paramInvalid(
    "identifier",
    "identifier must be an email address (or *@domain), a phone number in E.164 format or a web3 wallet address.",
  );
}
