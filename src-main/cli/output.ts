// What a command prints on stdout: one JSON document (with --json) or lines of text, never both.

/** The schema every `--json` document names: `ringtrue.<command>/1`, e.g. `ringtrue.jobs.show/1`. */
export function schemaId(command: string): string {
  return `ringtrue.${command}/1`
}

/** One JSON document on a line of its own, tagged with the schema it follows (schemas/<command>.schema.json). */
export function printJson(command: string, value: object): void {
  process.stdout.write(`${JSON.stringify({ schema: schemaId(command), ...value })}\n`)
}

export function printLines(lines: string[]): void {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`)
}

/** Prints `json()` with --json, else the lines of `text()`: only the one asked for is built. */
export function printResult(
  command: string,
  json: boolean | undefined,
  result: { json: () => object; text: () => string[] }
): void {
  if (json) printJson(command, result.json())
  else printLines(result.text())
}
