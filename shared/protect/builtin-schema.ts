import type { FieldMap, ProtectEvent, ProtectSchema, SchemaField } from "./schema";

/**
 * The Protect schema this tool ships with. The sandbox serves it from `GET /v1/protect/schema`,
 * and the CLI checks expressions against it before sending anything, so a typo is caught with
 * no request at all; the instance's own schema (which the server validates with) stays the
 * authority.
 */

const leaf = (type: SchemaField["type"], description: string): SchemaField => ({ type, description });
const object = (type: string, description: string, fields: FieldMap): SchemaField => ({
  type,
  kind: "OBJECT",
  description,
  fields,
});

const ip = object("IP", "Where the attempt comes from", {
  address: leaf("STRING", "The client's IP address (IPv4 or IPv6), e.g. 203.0.113.7"),
  version: leaf("INTEGER", "4 or 6"),
  privacy: object("IPPrivacy", "What hides the client behind the address", {
    is_vpn: leaf("BOOLEAN", "The address belongs to a VPN provider"),
    is_proxy: leaf("BOOLEAN", "The address is an open or commercial proxy"),
    is_datacenter: leaf("BOOLEAN", "The address belongs to a hosting or cloud provider"),
    is_tor: leaf("BOOLEAN", "The address is a Tor exit node"),
    is_relay: leaf("BOOLEAN", "The address is a privacy relay (e.g. iCloud Private Relay)"),
  }),
  geo: object("IPGeo", "Where the address is located", {
    country_code: leaf("STRING", 'ISO 3166-1 alpha-2 country code, e.g. "US"'),
    region_code: leaf("STRING", 'ISO 3166-2 subdivision code, e.g. "US-CA"'),
    city: leaf("STRING", "City name, in English"),
    latitude: leaf("FLOAT", "Approximate latitude"),
    longitude: leaf("FLOAT", "Approximate longitude"),
  }),
  asn: object("ASN", "The network (autonomous system) announcing the address", {
    number: leaf("INTEGER", "Autonomous system number, e.g. 13335"),
    organization: leaf("STRING", 'Registered name of the network, e.g. "CLOUDFLARENET"'),
  }),
});

const botScore = object("BotScore", "How likely the client is automated", {
  risk: leaf("FLOAT", "From 0.0 (a person) to 1.0 (certainly a bot)"),
  is_verified_bot: leaf("BOOLEAN", "A known, well-behaved crawler (search engines, monitors)"),
});

const userAgent = object("UserAgent", "The client software", {
  raw: leaf("STRING", "The User-Agent header as sent"),
  browser: leaf("STRING", 'Browser family, e.g. "Chrome"'),
  browser_version: leaf("STRING", 'Browser version, e.g. "126.0"'),
  os: leaf("STRING", 'Operating system family, e.g. "iOS"'),
  device: leaf("STRING", "desktop, mobile or tablet"),
  is_headless: leaf("BOOLEAN", "A headless or automation browser (Puppeteer, Playwright, Selenium)"),
});

const emailAddress = object("EmailAddress", "The email address given", {
  address: leaf("STRING", "The full address, lowercase"),
  domain: leaf("STRING", 'The domain part, e.g. "example.com"'),
  is_disposable: leaf("BOOLEAN", "The domain hands out throw-away inboxes"),
  is_subaddress: leaf("BOOLEAN", "The address uses a +tag (jane+1@example.com)"),
  is_free_provider: leaf("BOOLEAN", "A free mailbox provider (gmail.com, outlook.com, …)"),
});

const phoneNumber = object("PhoneNumber", "The phone number given", {
  number: leaf("STRING", "E.164 form, e.g. +15555550100"),
  country_code: leaf("STRING", 'ISO 3166-1 alpha-2 country of the number, e.g. "GB"'),
  line_type: leaf("STRING", "mobile, landline, voip or unknown"),
  is_voip: leaf("BOOLEAN", "A virtual (VoIP) number"),
});

const common = { ip, botScore, userAgent };

const event = (name: ProtectEvent, type: string, description: string, fields: FieldMap) => ({
  name,
  kind: "EVENT",
  type,
  description,
  fields: { ...common, ...fields },
});

export const BUILTIN_PROTECT_SCHEMA: ProtectSchema = {
  events: {
    SIGN_IN: event("SIGN_IN", "SignInEvent", "A sign-in attempt", {
      signIn: object("SignIn", "The attempt itself", {
        identifier_type: leaf("STRING", "email_address, phone_number, username or web3_wallet"),
        strategy: leaf("STRING", "password, email_code, phone_code, oauth_google, passkey, …"),
        failed_attempts: leaf("INTEGER", "Failed attempts for this identifier in the last hour"),
      }),
      emailAddress,
    }),
    SIGN_UP: event("SIGN_UP", "SignUpEvent", "A sign-up attempt", {
      signUp: object("SignUp", "The attempt itself", {
        strategy: leaf("STRING", "password, email_code, phone_code, oauth_google, …"),
        has_password: leaf("BOOLEAN", "A password was set"),
      }),
      emailAddress,
      phoneNumber,
    }),
    SMS: event("SMS", "SmsEvent", "An SMS about to be sent (codes, magic links)", {
      phoneNumber,
      sms: object("Sms", "The message", {
        purpose: leaf("STRING", "verification, sign_in, sign_up or reset_password"),
        sent_last_hour: leaf("INTEGER", "Messages sent to this number in the last hour"),
      }),
    }),
    EMAIL: event("EMAIL", "EmailEvent", "An email about to be sent (codes, magic links)", {
      emailAddress,
      email: object("Email", "The message", {
        purpose: leaf("STRING", "verification, sign_in, sign_up or reset_password"),
        sent_last_hour: leaf("INTEGER", "Messages sent to this address in the last hour"),
      }),
    }),
  },
};
