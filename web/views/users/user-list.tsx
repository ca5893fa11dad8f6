export function UserList() {
  return <div class="empty-state">UserList</div>;
}
