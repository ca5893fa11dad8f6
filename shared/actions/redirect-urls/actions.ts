import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { defineAction } from "../action";
import { id, limit, offset } from "../inputs";
import { apiPath, day, deletedView } from "../view";
import { type RedirectUrl, redirectUrl } from "./schemas";

const columns = [
  { key: "id", header: "ID" },
  { key: "url", header: "URL" },
  { key: "created", header: "CREATED" },
] as const;

const row = (r: RedirectUrl) => ({ id: r.id, url: r.url, created: day(r.created_at) });
const single = { rows: (r: RedirectUrl) => [row(r)], columns };
const redirectUrlList = listOf(redirectUrl);
const redirectUrlId = id("redirect URL (ru_…)");

export const redirectUrlsList = defineAction({
  id: "redirect-urls.list",
  summary: "List the redirect URLs Clerk allows after OAuth and native sign-in, oldest first",
  input: z.object({ limit, offset }),
  examples: ["clerk redirect-urls list", "clerk redirect-urls list --all --json"],
  api: "backend",
  mutates: false,
  output: redirectUrlList,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: "/redirect_urls", query: { ...input, paginated: true } },
        redirectUrlList,
      )
    ).body;
  },
  stream: (ctx) => paginate(ctx.backend, "/redirect_urls", redirectUrl, { query: { paginated: true } }),
  table: {
    rows: (output) => output.data.map(row),
    item: (item) => row(item as RedirectUrl),
    columns,
    footer: (output) => `${output.data.length} of ${output.total_count} redirect URLs`,
  },
});

export const redirectUrlsGet = defineAction({
  id: "redirect-urls.get",
  summary: "Show one redirect URL",
  input: z.object({ redirect_url_id: redirectUrlId }),
  positionals: ["redirect_url_id"],
  examples: ["clerk redirect-urls get ru_2abc", "clerk redirect-urls get ru_2abc --json"],
  api: "backend",
  mutates: false,
  output: redirectUrl,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: apiPath("redirect_urls", input.redirect_url_id) }, redirectUrl)
    ).body;
  },
  table: single,
});

export const redirectUrlsAdd = defineAction({
  id: "redirect-urls.add",
  summary: "Allow a redirect URL: https://… or a custom scheme such as my-app://oauth-callback",
  input: z.object({
    url: z
      .string()
      .min(1)
      .describe("The full URL, e.g. my-app://oauth-callback (plain http:// on development instances only)"),
  }),
  positionals: ["url"],
  examples: [
    "clerk redirect-urls add my-app://oauth-callback",
    "clerk redirect-urls add https://example.com/sso --json",
  ],
  api: "backend",
  mutates: true,
  output: redirectUrl,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "POST", path: "/redirect_urls", body: { url: input.url } }, redirectUrl)
    ).body;
  },
  howToCheck: () => "clerk redirect-urls list",
  table: single,
});

export const redirectUrlsDelete = defineAction({
  id: "redirect-urls.delete",
  summary: "Remove a redirect URL: sign-ins stop returning to it",
  input: z.object({ redirect_url_id: redirectUrlId }),
  positionals: ["redirect_url_id"],
  examples: ["clerk redirect-urls delete ru_2abc", "clerk redirect-urls delete ru_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.redirect_url_id,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("redirect_urls", input.redirect_url_id) },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

export const redirectUrlActions = [redirectUrlsList, redirectUrlsGet, redirectUrlsAdd, redirectUrlsDelete];
