/**
 * How deep JSON request bodies may nest. Far more than any real document (Clerk's metadata,
 * instance settings), far less than what recursive code downstream (merging, serializing)
 * survives before `Maximum call stack size exceeded`.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * Does `text` nest objects and arrays more than `max` levels deep? One pass without recursion
 * or parsing, skipping brackets inside strings, so it is safe on any input.
 */
export function exceedsJsonDepth(text: string, max = MAX_JSON_DEPTH): boolean {
  // Nesting deeper than `max` takes more than `max` characters.
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c /* \ */) i++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}
