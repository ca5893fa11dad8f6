/**
 * JWT template shortcodes: `{{user.first_name}}`, `{{org.role}}`, `{{user.public_metadata.plan || 'free'}}`.
 * A claim that is exactly one shortcode takes the value's own JSON type (null when there is
 * none); shortcodes inside longer text are interpolated as text. `||` falls back to the next
 * operand, which may be another shortcode or a string, number, boolean or null literal.
 */

/** What shortcodes can reach: `user`, `org` (the session's active organization) and `session`. */
export type ShortcodeScope = Record<string, unknown>;

const SHORTCODE = /\{\{\s*(.+?)\s*\}\}/g;
const WHOLE = /^\{\{\s*(.+?)\s*\}\}$/;
const PATH = /^[a-z_][a-z0-9_]*(\.[A-Za-z0-9_-]+)*$/;

function literal(operand: string): { value: unknown } | undefined {
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(operand);
  if (quoted) return { value: quoted[1] ?? quoted[2] };
  if (operand === "null") return { value: null };
  if (operand === "true" || operand === "false") return { value: operand === "true" };
  if (/^-?\d+(\.\d+)?$/.test(operand)) return { value: Number(operand) };
  return undefined;
}

function lookup(scope: ShortcodeScope, path: string): unknown {
  if (!PATH.test(path)) return null;
  let node: unknown = scope;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return null;
    node = (node as Record<string, unknown>)[key];
  }
  return node ?? null;
}

/** Evaluates `a || b || 'c'`: the first operand that is neither null nor an empty string. */
function evaluate(expression: string, scope: ShortcodeScope): unknown {
  let value: unknown = null;
  for (const operand of expression.split("||").map((part) => part.trim())) {
    const constant = literal(operand);
    value = constant ? constant.value : lookup(scope, operand);
    if (value !== null && value !== "") return value;
  }
  return value;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Renders every string in `claims` (deeply), leaving other values as they are. */
export function renderClaims(claims: unknown, scope: ShortcodeScope): unknown {
  if (typeof claims === "string") {
    const whole = WHOLE.exec(claims);
    if (whole && !(whole[1] as string).includes("}}")) return evaluate(whole[1] as string, scope);
    return claims.replace(SHORTCODE, (_, expression: string) => text(evaluate(expression, scope)));
  }
  if (Array.isArray(claims)) return claims.map((item) => renderClaims(item, scope));
  if (claims && typeof claims === "object") {
    return Object.fromEntries(Object.entries(claims).map(([key, value]) => [key, renderClaims(value, scope)]));
  }
  return claims;
}
