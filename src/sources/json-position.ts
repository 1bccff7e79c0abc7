// Positions in JSON texts for error messages: where a text first goes wrong, line:column of an offset, where a key stands.

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPABLE = '"\\/bfnrtu';
const HEX = /^[0-9a-fA-F]{4}$/;

/**
 * The offset of the first character that makes `text` invalid JSON (text.length for a text cut
 * short), or undefined when the text is valid. Iterative, so deep nesting cannot overflow the stack.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const n = text.length;
  let i = 0;
  const stack: boolean[] = []; // true = object, false = array

  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const readString = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined || !ESCAPABLE.includes(e)) {
          i++;
          return false;
        }
        if (e === "u") {
          if (!HEX.test(text.slice(i + 2, i + 6))) {
            i += 2;
            return false;
          }
          i += 6;
        } else i += 2;
        continue;
      }
      i++;
    }
    return false;
  };
  const readKeyColon = (): boolean => {
    skipWs();
    if (text[i] !== '"' || !readString()) return false;
    skipWs();
    if (text[i] !== ":") return false;
    i++;
    return true;
  };

  let expectValue = true;
  for (;;) {
    skipWs();
    if (expectValue) {
      if (i >= n) return n;
      const c = text[i] as string;
      if (c === "{" || c === "[") {
        i++;
        skipWs();
        if (text[i] === (c === "{" ? "}" : "]")) {
          i++;
          expectValue = false;
          continue;
        }
        stack.push(c === "{");
        if (c === "{" && !readKeyColon()) return i;
        continue;
      }
      if (c === '"') {
        if (!readString()) return i;
      } else if (c === "-" || (c >= "0" && c <= "9")) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return i;
        i = NUMBER.lastIndex;
      } else if (text.startsWith("true", i)) i += 4;
      else if (text.startsWith("false", i)) i += 5;
      else if (text.startsWith("null", i)) i += 4;
      else return i;
      expectValue = false;
      continue;
    }
    if (stack.length === 0) return i < n ? i : undefined;
    if (i >= n) return n;
    const inObject = stack[stack.length - 1] as boolean;
    const c = text[i];
    if (c === ",") {
      i++;
      if (inObject && !readKeyColon()) return i;
      expectValue = true;
    } else if (c === (inObject ? "}" : "]")) {
      stack.pop();
      i++;
    } else return i;
  }
}

/** 1-based line and column (in UTF-16 code units) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let nl = text.indexOf("\n"); nl !== -1 && nl < end; nl = text.indexOf("\n", nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** The 1-based position of the first occurrence of `"key"` in the text (1:1 when absent), for pointing at a wrong value. */
export function positionOfKey(text: string, key: string): { line: number; column: number } {
  const offset = text.indexOf(`"${key}"`);
  return lineColumn(text, offset < 0 ? 0 : offset);
}
