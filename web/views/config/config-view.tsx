export function ConfigView() {
  return <div class="empty-state">ConfigView</div>;
}
