import type { User } from "../../clerk/schemas";
import { day } from "../view";

// How a user reads as a table row, for every users command that answers a user.

export function primaryEmail(u: User): string {
  return u.email_addresses.find((e) => e.id === u.primary_email_address_id)?.email_address ?? "";
}

export function displayName(u: User): string {
  return [u.first_name, u.last_name].filter(Boolean).join(" ");
}

export function status(u: User): string {
  return [u.banned ? "banned" : "", u.locked ? "locked" : ""].filter(Boolean).join(",") || "active";
}

export const userColumns = [
  { key: "id", header: "ID" },
  { key: "email", header: "EMAIL" },
  { key: "name", header: "NAME" },
  { key: "username", header: "USERNAME" },
  { key: "status", header: "STATUS" },
  { key: "created", header: "CREATED" },
  { key: "last_active", header: "LAST ACTIVE" },
] as const;

export function userRow(u: User): Record<string, unknown> {
  return {
    id: u.id,
    email: primaryEmail(u),
    name: displayName(u),
    username: u.username ?? "",
    status: status(u),
    created: day(u.created_at),
    last_active: day(u.last_active_at),
  };
}

export const singleUser = {
  rows: (u: User) => [userRow(u)],
  columns: userColumns,
};
