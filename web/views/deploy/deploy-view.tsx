export function DeployView() {
  return <div class="empty-state">DeployView</div>;
}
