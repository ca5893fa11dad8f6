export function OrgList() {
  return <div class="empty-state">OrgList</div>;
}
