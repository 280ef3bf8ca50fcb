// The JSON Schemas of the CLI's documents (resources/schemas), compiled once for the tests that validate real
// output against them.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'

export const SCHEMA_DIR = join(__dirname, '..', '..', 'resources', 'schemas')

/** The command each schema file documents: ringtrue.jobs.show.schema.json → jobs.show. */
export function schemaCommands(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => f.replace(/^ringtrue\./, '').replace(/\.schema\.json$/, ''))
    .sort()
}

const ajv = new Ajv2020({ allErrors: true, strict: true })
addFormats(ajv)
const compiled = new Map<string, ValidateFunction>()

export function validatorFor(command: string): ValidateFunction {
  let validate = compiled.get(command)
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, `ringtrue.${command}.schema.json`), 'utf8'))
    validate = ajv.compile(schema)
    compiled.set(command, validate)
  }
  return validate
}

/** The validation errors of `document` against the schema it names (empty when it is valid). */
export function schemaErrors(command: string, document: unknown): string[] {
  const validate = validatorFor(command)
  if (validate(document)) return []
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`
  )
}

/** Parses one document and checks it names and follows the schema of `command`. */
export function validDocument<T = Record<string, unknown>>(command: string, text: string): T {
  const document = JSON.parse(text) as T & { schema?: string }
  if (document.schema !== `ringtrue.${command}/1`) {
    throw new Error(`Expected schema ringtrue.${command}/1, got ${String(document.schema)}`)
  }
  const errors = schemaErrors(command, document)
  if (errors.length > 0) throw new Error(`Not a valid ringtrue.${command}/1 document:\n${errors.join('\n')}`)
  return document
}
