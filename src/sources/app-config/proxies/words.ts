// Splits one line of HAProxy or Apache httpd configuration into words (double/single quotes, backslash escapes, `#` comments).

/** The words of a configuration line; a `#` that starts a word comments out the rest. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length || line[i] === "#") break;
    let word = "";
    while (i < line.length && !/\s/.test(line[i]!)) {
      const c = line[i]!;
      if (c === "\\" && i + 1 < line.length) {
        word += line[i + 1];
        i += 2;
      } else if (c === '"' || c === "'") {
        const close = line.indexOf(c, i + 1);
        const end = close < 0 ? line.length : close;
        word += line.slice(i + 1, end);
        i = end + 1;
      } else {
        word += c;
        i++;
      }
    }
    words.push(word);
  }
  return words;
}
