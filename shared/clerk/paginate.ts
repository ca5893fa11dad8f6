import type { z } from "zod";
import type { ClerkTransport, QueryValue } from "./transport";

/**
 * Walks every page of a Clerk list, yielding items one by one with only one page in memory.
 * Handles both list shapes: bare arrays (stop on a short page) and `{data, total_count}`
 * (stop at total_count or an empty page); `listKey` names another key than `data`
 * (`GET /m2m_tokens` answers `{m2m_tokens, total_count}`).
 */
export async function* paginate<T>(
  transport: ClerkTransport,
  path: string,
  item: z.ZodType<T>,
  options: { query?: Record<string, QueryValue>; pageSize?: number; max?: number; listKey?: string } = {},
): AsyncGenerator<T> {
  const pageSize = options.pageSize ?? 500;
  let offset = 0;
  let yielded = 0;
  for (;;) {
    const { body } = await transport.request({
      method: "GET",
      path,
      query: { ...options.query, limit: pageSize, offset },
    });
    const page = Array.isArray(body) ? body : ((body as Record<string, unknown[]>)?.[options.listKey ?? "data"] ?? []);
    const total = Array.isArray(body) ? undefined : (body as { total_count?: number })?.total_count;
    for (const raw of page) {
      yield item.parse(raw);
      yielded++;
      if (options.max !== undefined && yielded >= options.max) return;
    }
    offset += page.length;
    if (page.length === 0 || page.length < pageSize) return;
    if (total !== undefined && offset >= total) return;
  }
}
