/**
 * The deepest nesting of objects and arrays in a JSON text, found in one pass without parsing (strings skipped,
 * escapes honoured). Bodies are refused above a limit before JSON.parse: a 64 KiB body of `{"a":` nests 13,000
 * levels deep, parses fine, and then overflows the stack of every recursive walker after it (validation,
 * serialisation, logging) — the R5 fuzz suite found it as a 500 on the echo operation.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
