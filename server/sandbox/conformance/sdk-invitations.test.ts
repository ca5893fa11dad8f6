import { createClerkClient as createClerkClientV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV1 } from "@clerk/backend-v1";
import { createClerkClient as createClerkClientV2 } from "@clerk/backend-v2";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

/** 1.x has no bulk invitations (`createInvitationBulk` came in 2.x). */
const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3, { bulk: true }],
  ["@clerk/backend 2.x", createClerkClientV2, { bulk: true }],
  ["@clerk/backend 1.x", createClerkClientV1, { bulk: false }],
] as const;

describe.each(sdks)(
  "%s against the sandbox: invitations, restrictions, identifiers",
  (_name, createClerkClient, { bulk }) => {
    const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

    test("invitations: create, bulk, list with filters, revoke", async () => {
      const client = clerk();
      const invitation = await client.invitations.createInvitation({
        emailAddress: "guest@example.com",
        publicMetadata: { plan: "pro" },
        redirectUrl: "https://app.example.com/accept",
        expiresInDays: 7,
      });
      expect(invitation.id).toMatch(/^inv_/);
      expect(invitation.status).toBe("pending");
      expect(invitation.publicMetadata).toEqual({ plan: "pro" });
      expect(invitation.url).toMatch(/\/v1\/tickets\/accept\?ticket=/);

      const more: [{ emailAddress: string; notify?: boolean }, { emailAddress: string; notify?: boolean }] = [
        { emailAddress: "a@example.com" },
        { emailAddress: "b@example.com", notify: false },
      ];
      const created = bulk
        ? await (
            client.invitations as { createInvitationBulk(p: typeof more): Promise<{ emailAddress: string }[]> }
          ).createInvitationBulk(more)
        : [await client.invitations.createInvitation(more[0]), await client.invitations.createInvitation(more[1])];
      expect(created.map((i) => i.emailAddress)).toEqual(["a@example.com", "b@example.com"]);

      const pending = await client.invitations.getInvitationList({ status: "pending", orderBy: "+email_address" });
      expect(pending.totalCount).toBe(3);
      expect(pending.data.map((i) => i.emailAddress)).toEqual(["a@example.com", "b@example.com", "guest@example.com"]);
      const found = await client.invitations.getInvitationList({ query: "guest", limit: 1 });
      expect(found.data.map((i) => i.id)).toEqual([invitation.id]);

      const revoked = await client.invitations.revokeInvitation(invitation.id);
      expect(revoked.status).toBe("revoked");
      expect(revoked.revoked).toBe(true);
      expect((await client.invitations.getInvitationList()).totalCount).toBe(2);
      expect((await client.invitations.getInvitationList({ status: "revoked" })).data.map((i) => i.id)).toEqual([
        invitation.id,
      ]);
    });

    test("invitation errors are typed: duplicate, existing user, already revoked", async () => {
      const client = clerk();
      const invitation = await client.invitations.createInvitation({ emailAddress: "dup@example.com" });
      await expect(client.invitations.createInvitation({ emailAddress: "dup@example.com" })).rejects.toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ code: "duplicate_record" })],
      });
      await client.users.createUser({ emailAddress: ["member@example.com"] });
      await expect(client.invitations.createInvitation({ emailAddress: "member@example.com" })).rejects.toMatchObject({
        status: 422,
        errors: [
          expect.objectContaining({
            code: "form_identifier_exists",
            meta: expect.objectContaining({ paramName: "email_address" }),
          }),
        ],
      });
      await client.invitations.revokeInvitation(invitation.id);
      await expect(client.invitations.revokeInvitation(invitation.id)).rejects.toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ code: "invitation_already_revoked" })],
      });
    });

    test("allowlist and blocklist identifiers", async () => {
      const client = clerk();
      const allowed = await client.allowlistIdentifiers.createAllowlistIdentifier({
        identifier: "*@example.com",
        notify: false,
      });
      expect(allowed).toMatchObject({ identifier: "*@example.com", identifierType: "email_address" });
      const invited = await client.allowlistIdentifiers.createAllowlistIdentifier({
        identifier: "friend@other.com",
        notify: true,
      });
      expect(invited.invitationId).toMatch(/^inv_/);
      const allowlist = await client.allowlistIdentifiers.getAllowlistIdentifierList();
      expect(allowlist.totalCount).toBe(2);
      expect(allowlist.data.map((e) => e.id).sort()).toEqual([allowed.id, invited.id].sort());
      await expect(
        client.allowlistIdentifiers.createAllowlistIdentifier({ identifier: "*@EXAMPLE.com", notify: false }),
      ).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ code: "duplicate_record" })] });
      const deleted = await client.allowlistIdentifiers.deleteAllowlistIdentifier(allowed.id);
      expect(deleted).toMatchObject({ object: "allowlist_identifier", id: allowed.id, deleted: true });

      const blocked = await client.blocklistIdentifiers.createBlocklistIdentifier({ identifier: "+15550100009" });
      expect(blocked).toMatchObject({ identifier: "+15550100009", identifierType: "phone_number" });
      const blocklist = await client.blocklistIdentifiers.getBlocklistIdentifierList();
      expect(blocklist.totalCount).toBe(1);
      expect(blocklist.data[0]?.id).toBe(blocked.id);
      await client.blocklistIdentifiers.deleteBlocklistIdentifier(blocked.id);
      await expect(client.blocklistIdentifiers.deleteBlocklistIdentifier(blocked.id)).rejects.toMatchObject({
        status: 404,
      });
    });

    test("email addresses: create, get, update, delete", async () => {
      const client = clerk();
      const user = await client.users.createUser({ emailAddress: ["owner@example.com"] });
      const email = await client.emailAddresses.createEmailAddress({
        userId: user.id,
        emailAddress: "second@example.com",
        verified: false,
      });
      expect(email.emailAddress).toBe("second@example.com");
      expect(email.verification).toBeNull();
      expect((await client.emailAddresses.getEmailAddress(email.id)).id).toBe(email.id);
      const updated = await client.emailAddresses.updateEmailAddress(email.id, { verified: true, primary: true });
      expect(updated.verification?.status).toBe("verified");
      expect((await client.users.getUser(user.id)).primaryEmailAddressId).toBe(email.id);
      const deleted = await client.emailAddresses.deleteEmailAddress(email.id);
      expect(deleted).toMatchObject({ object: "email_address", id: email.id, deleted: true });
      expect((await client.users.getUser(user.id)).primaryEmailAddress?.emailAddress).toBe("owner@example.com");
      await expect(
        client.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: "owner@example.com" }),
      ).rejects.toMatchObject({
        status: 422,
        errors: [
          expect.objectContaining({
            code: "form_identifier_exists",
            meta: expect.objectContaining({ paramName: "email_address" }),
          }),
        ],
      });
      await expect(client.emailAddresses.getEmailAddress(email.id)).rejects.toMatchObject({ status: 404 });
    });

    test("phone numbers: create, get, update, delete", async () => {
      const client = clerk();
      const user = await client.users.createUser({ emailAddress: ["caller@example.com"] });
      const phone = await client.phoneNumbers.createPhoneNumber({
        userId: user.id,
        phoneNumber: "+15550100010",
        verified: true,
        primary: true,
      });
      expect(phone.phoneNumber).toBe("+15550100010");
      expect((await client.users.getUser(user.id)).primaryPhoneNumberId).toBe(phone.id);
      const reserved = await client.phoneNumbers.updatePhoneNumber(phone.id, { reservedForSecondFactor: true });
      expect(reserved.reservedForSecondFactor).toBe(true);
      expect(reserved.defaultSecondFactor).toBe(true);
      expect((await client.phoneNumbers.getPhoneNumber(phone.id)).id).toBe(phone.id);
      const deleted = await client.phoneNumbers.deletePhoneNumber(phone.id);
      expect(deleted).toMatchObject({ object: "phone_number", id: phone.id, deleted: true });
      await expect(
        client.phoneNumbers.createPhoneNumber({ userId: "user_missing", phoneNumber: "+15550100011" }),
      ).rejects.toMatchObject({ status: 404, errors: [expect.objectContaining({ code: "resource_not_found" })] });
    });
  },
);
