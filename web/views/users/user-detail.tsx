export function UserDetail({ userId }: { userId: string }) {
  return <div class="empty-state">{userId}</div>;
}
