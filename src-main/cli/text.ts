// Text from files, sheets and job names printed in human output: control characters are shown escaped, so a
// name cannot break a line, move the cursor or recolour the terminal. JSON output escapes them already.

// C0 and C1 controls, DEL, the line and paragraph separators and the bidirectional overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

function escapeChar(char: string): string {
  switch (char) {
    case '\n':
      return '\\n'
    case '\r':
      return '\\r'
    case '\t':
      return '\\t'
    default: {
      const code = char.charCodeAt(0)
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`
    }
  }
}

/** The text with every control character escaped (`\n`, `\x1b`, `\u202e`…). */
export function printable(text: string | null | undefined): string {
  return (text ?? '').replace(UNSAFE, escapeChar)
}
