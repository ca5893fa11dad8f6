import type { SandboxContext } from "../../core/context";
import { templateDelivery } from "../templates/delivery";

/**
 * The sandbox delivers nothing: every email or SMS Clerk would send becomes an `email.created`
 * or `sms.created` event (Clerk's webhook payloads), so tests and the panel can read codes and links.
 * The instance's template of the message's slug sets `delivered_by_clerk` and the email's names.
 */
export interface EmailMessage {
  to: string;
  slug: string;
  subject: string;
  body: string;
  emailAddressId: string | null;
  userId: string | null;
  data: Record<string, unknown>;
}

export function emitEmail(sb: SandboxContext, instanceId: string, message: EmailMessage): void {
  const delivery = templateDelivery(sb, instanceId, "email", message.slug);
  sb.emit({
    instanceId,
    type: "email.created",
    data: {
      object: "email",
      id: sb.newId("ema"),
      slug: message.slug,
      from_email_name: delivery.from_email_name,
      reply_to_email_name: delivery.reply_to_email_name,
      to_email_address: message.to,
      email_address_id: message.emailAddressId,
      user_id: message.userId,
      subject: message.subject,
      body: message.body,
      body_plain: message.body,
      status: "queued",
      data: message.data,
      delivered_by_clerk: delivery.delivered_by_clerk,
    },
  });
}

export interface SmsMessage {
  to: string;
  slug: string;
  message: string;
  phoneNumberId: string | null;
  userId: string | null;
  data: Record<string, unknown>;
}

/** The sandbox's stand-in sender number (555 numbers are reserved for fiction). */
const SMS_SENDER = "+15555550100";

export function emitSms(sb: SandboxContext, instanceId: string, message: SmsMessage): void {
  sb.emit({
    instanceId,
    type: "sms.created",
    data: {
      object: "sms_message",
      id: sb.newId("sms"),
      slug: message.slug,
      from_phone_number: SMS_SENDER,
      to_phone_number: message.to,
      phone_number_id: message.phoneNumberId,
      user_id: message.userId,
      message: message.message,
      status: "queued",
      data: message.data,
      delivered_by_clerk: templateDelivery(sb, instanceId, "sms", message.slug).delivered_by_clerk,
      created_at_ms: sb.clock.now(),
    },
  });
}
