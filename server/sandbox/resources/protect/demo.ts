import type { SandboxContext } from "../../core/context";
import { insertRule, type RuleContent } from "./repo";

/** The demo data set's rules: a few typical ones, so the panel's Protect page has something to show. */
const DEMO_RULES: Record<string, RuleContent[]> = {
  SIGN_UP: [
    {
      expression: 'ip.privacy.is_vpn && ip.geo.country_code != "US"',
      action: "BLOCK",
      description: "VPN sign-ups from outside the US",
    },
    { expression: "emailAddress.is_disposable", action: "BLOCK", description: "Throw-away email addresses" },
    { expression: "botScore.risk > 0.8", action: "CHALLENGE", description: "Likely bots get a captcha" },
  ],
  SIGN_IN: [
    { expression: "ip.privacy.is_tor", action: "CHALLENGE", description: "Sign-ins through Tor" },
    {
      expression: "signIn.failed_attempts >= 5 && ip.privacy.is_datacenter",
      action: "BLOCK",
      description: "Credential stuffing from hosting providers",
    },
  ],
  SMS: [
    {
      expression: 'phoneNumber.line_type == "voip" || sms.sent_last_hour > 5',
      action: "BLOCK",
      description: "SMS pumping: VoIP numbers and bursts",
    },
  ],
};

/** Runs inside the demo seed's transaction, with its frozen clock and seeded ids. */
export function seedDemoRules(sb: SandboxContext, instanceId: string): void {
  for (const [ruleset, rules] of Object.entries(DEMO_RULES)) {
    for (const rule of rules) insertRule(sb, instanceId, ruleset, rule, undefined);
  }
}
