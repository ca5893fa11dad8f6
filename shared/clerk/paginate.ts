import type { z } from "zod";
import type { ClerkTransport, QueryValue } from "./transport";

/**
 * Walks every page of a Clerk list, yielding items one by one with only one page in memory.
 * Handles both list shapes: bare arrays (stop on a short page) and `{data, total_count}`
 * (stop at total_count or an empty page); `listKey` names another key than `data`
 * (`GET /m2m_tokens` answers `{m2m_tokens, total_count}`). `cursor` pages as the Platform API's
 * workspace lists do: `starting_after` the last item's id instead of an offset.
 */
export async function* paginate<T>(
  transport: ClerkTransport,
  path: string,
  item: z.ZodType<T>,
  options: {
    query?: Record<string, QueryValue>;
    pageSize?: number;
    max?: number;
    listKey?: string;
    cursor?: boolean;
  } = {},
): AsyncGenerator<T> {
  const pageSize = options.pageSize ?? 500;
  let offset = 0;
  let after: string | undefined;
  let yielded = 0;
  for (;;) {
    const position = options.cursor ? (after === undefined ? {} : { starting_after: after }) : { offset };
    const { body } = await transport.request({
      method: "GET",
      path,
      query: { ...options.query, limit: pageSize, ...position },
    });
    const page = Array.isArray(body) ? body : ((body as Record<string, unknown[]>)?.[options.listKey ?? "data"] ?? []);
    const total = Array.isArray(body) ? undefined : (body as { total_count?: number })?.total_count;
    for (const raw of page) {
      yield item.parse(raw);
      yielded++;
      if (options.max !== undefined && yielded >= options.max) return;
    }
    offset += page.length;
    after = (page.at(-1) as { id?: string } | undefined)?.id;
    if (page.length === 0 || page.length < pageSize) return;
    if (total !== undefined && offset >= total) return;
  }
}
