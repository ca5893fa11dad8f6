import type { InstanceRecord } from "../../tenancy/instances";
import { signJwt } from "./keys";

export interface Ticket {
  /** What the ticket is for (`st`): `invitation`, `actor_token`. */
  type: string;
  /** The invitation or actor token it redeems (`sid`). */
  subjectId: string;
  expiresAt: number;
  now: number;
  redirectUrl?: string | null;
}

/**
 * A ticket link: Clerk's Frontend API ticket endpoint with a signed ticket naming the instance
 * (`iid`), what it redeems (`sid`, `st`) and its lifetime (`eis`, `exp`). Tickets carry no key
 * id, as in Clerk. Returns the ticket and its URL.
 */
export function ticketLink(instance: InstanceRecord, ticket: Ticket): { token: string; url: string } {
  const token = signJwt(
    instance,
    {
      eis: Math.round((ticket.expiresAt - ticket.now) / 1000),
      exp: Math.floor(ticket.expiresAt / 1000),
      iid: instance.id,
      sid: ticket.subjectId,
      st: ticket.type,
    },
    { kid: false },
  );
  const url = new URL(`https://${instance.frontend_api_host}/v1/tickets/accept`);
  url.searchParams.set("ticket", token);
  if (ticket.redirectUrl) url.searchParams.set("redirect_url", ticket.redirectUrl);
  return { token, url: url.toString() };
}
