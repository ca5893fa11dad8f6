import { describe, expect, test } from "vitest";
import { alreadyDeleted } from "./transport";

describe("alreadyDeleted: Clerk's answer to a DELETE that an earlier, lost attempt did", () => {
  test.each([
    ["/users/user_1", "user", "user_1"],
    ["/email_addresses/idn_1", "email_address", "idn_1"],
    ["/phone_numbers/idn_2", "phone_number", "idn_2"],
    ["/organizations/org_1", "organization", "org_1"],
    ["/allowlist_identifiers/alid_1", "allowlist_identifier", "alid_1"],
    ["/jwt_templates/jtmp_1", "jwt_template", "jtmp_1"],
    ["/machines/mch_1", "machine", "mch_1"],
    ["/domains/dmn_%201", "domain", "dmn_ 1"],
  ])("%s → %s %s", (path, object, id) => {
    expect(alreadyDeleted(path)).toEqual({ object, id, deleted: true, already_deleted: true });
  });
});
