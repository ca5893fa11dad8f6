/** Clerk's default email and SMS templates (the slugs its dashboard lists), seeded per instance. */
export type TemplateType = "email" | "sms";

export interface DefaultTemplate {
  slug: string;
  name: string;
  subject: string | null;
  body: string;
  /** Variables the body must keep (Clerk refuses an edit that drops them). */
  required: string[];
  available: string[];
}

const COMMON = ["app.name", "app.url", "app.logo_image_url", "requested_at", "requested_from"];

function email(slug: string, name: string, subject: string, body: string, required: string[]): DefaultTemplate {
  return { slug, name, subject, body: `<p>${body}</p>`, required, available: [...COMMON, ...required] };
}

function sms(slug: string, name: string, body: string, required: string[]): DefaultTemplate {
  return { slug, name, subject: null, body, required, available: ["app.name", ...required] };
}

export const DEFAULT_TEMPLATES: Record<TemplateType, readonly DefaultTemplate[]> = {
  email: [
    email(
      "verification_code",
      "Verification code",
      "{{otp_code}} is your verification code",
      "Enter {{otp_code}} to verify your email address for {{app.name}}.",
      ["otp_code"],
    ),
    email(
      "reset_password_code",
      "Reset password code",
      "{{otp_code}} is your password reset code",
      "Enter {{otp_code}} to reset your {{app.name}} password.",
      ["otp_code"],
    ),
    email(
      "magic_link_sign_in",
      "Magic link sign in",
      "Sign in to {{app.name}}",
      'Click <a href="{{magic_link}}">here</a> to sign in to {{app.name}}.',
      ["magic_link"],
    ),
    email(
      "magic_link_sign_up",
      "Magic link sign up",
      "Sign up to {{app.name}}",
      'Click <a href="{{magic_link}}">here</a> to sign up to {{app.name}}.',
      ["magic_link"],
    ),
    email(
      "magic_link_user_profile",
      "Magic link user profile",
      "Verify your email address",
      'Click <a href="{{magic_link}}">here</a> to verify your email address for {{app.name}}.',
      ["magic_link"],
    ),
    email(
      "invitation",
      "Invitation",
      "You have been invited to join {{app.name}}",
      'Click <a href="{{action_url}}">here</a> to accept the invitation.',
      ["action_url"],
    ),
    email(
      "organization_invitation",
      "Organization invitation",
      "{{inviter_name}} invited you to join {{org.name}}",
      '{{inviter_name}} invited you to join {{org.name}} on {{app.name}}. <a href="{{action_url}}">Accept</a>.',
      ["action_url", "inviter_name", "org.name"],
    ),
    email(
      "password_changed",
      "Password changed",
      "Your password has been changed",
      "The password of your {{app.name}} account was changed.",
      [],
    ),
    email(
      "password_removed",
      "Password removed",
      "Your password has been removed",
      "The password of your {{app.name}} account was removed.",
      [],
    ),
    email(
      "primary_email_address_changed",
      "Primary email address changed",
      "Your primary email address has been changed",
      "The primary email address of your {{app.name}} account was changed.",
      [],
    ),
    email(
      "waitlist_confirmation",
      "Waitlist confirmation",
      "You're on the waitlist",
      "You have joined the {{app.name}} waitlist. We will let you know when you can sign up.",
      [],
    ),
    email(
      "waitlist_invitation",
      "Waitlist invitation",
      "You have been invited to join {{app.name}}",
      'Your wait is over: click <a href="{{action_url}}">here</a> to sign up.',
      ["action_url"],
    ),
  ],
  sms: [
    sms("verification_code", "Verification code", "{{otp_code}} is your verification code for {{app.name}}", [
      "otp_code",
    ]),
    sms("reset_password_code", "Reset password code", "{{otp_code}} is your password reset code for {{app.name}}", [
      "otp_code",
    ]),
    sms("invitation", "Invitation", "You have been invited to join {{app.name}}: {{action_url}}", ["action_url"]),
  ],
};

/** Sample values the preview renders a template with. */
export const SAMPLE_VALUES: Record<string, string> = {
  "app.name": "My App",
  "app.url": "https://example.com",
  "app.logo_image_url": "https://img.clerk.com/static/logo.png",
  requested_at: "June 1, 2025 12:00 UTC",
  requested_from: "Chrome, macOS (Berlin, DE)",
  otp_code: "123456",
  magic_link: "https://example.com/verify?token=sample",
  action_url: "https://example.com/accept?ticket=sample",
  inviter_name: "Jane Doe",
  "org.name": "Acme Inc",
};

/** Replaces `{{ name }}` (and unescaped `{{{ name }}}`) with the sample value, leaving unknown names. */
export function renderSample(text: string): string {
  return text.replace(/\{\{\{?\s*([\w.]+)\s*\}?\}\}/g, (match, name: string) => SAMPLE_VALUES[name] ?? match);
}

/** The variables `text` uses. */
export function variablesIn(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{\{?\s*([\w.]+)\s*\}?\}\}/g)].map((match) => match[1] as string));
}
