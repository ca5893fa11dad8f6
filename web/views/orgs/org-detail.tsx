export function OrgDetail({ organizationId }: { organizationId: string }) {
  return <div class="empty-state">{organizationId}</div>;
}
