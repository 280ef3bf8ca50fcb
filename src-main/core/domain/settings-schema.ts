// What a provider setting may hold. The core's SettingsStore enforces it for the CLI and the app alike; the
// preload's contract re-exports it so the handler table checks a renderer's patch with the very same rules.
import { z } from 'zod'
import { AUTH_MODES, LOOKUP_KINDS } from './vocabulary'

/** Ranges shared by the handler schema and core's SettingsStore, so the CLI gets the same rules. */
export const SETTING_LIMITS = {
  concurrency: { min: 1, max: 64 },
  ratePerSecond: { min: 0.1, max: 1000 },
  timeoutMs: { min: 1000, max: 300_000 },
  pricePerLookup: { min: 0, max: 100 }
} as const

const limited = (name: keyof typeof SETTING_LIMITS, int = false) => {
  const { min, max } = SETTING_LIMITS[name]
  const base = int ? z.number().int() : z.number()
  return base.min(min).max(max)
}

export const baseUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value)
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
      )
    } catch {
      return false
    }
  }, 'the base URL must be an http:// or https:// address without a user name or password')

export const settingsPatchSchema = z
  .object({
    enabled: z.boolean().optional(),
    baseUrl: baseUrlSchema.nullable().optional(),
    concurrency: limited('concurrency', true).optional(),
    ratePerSecond: limited('ratePerSecond').optional(),
    timeoutMs: limited('timeoutMs', true).optional(),
    pricePerLookup: limited('pricePerLookup').optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'a currency is three capital letters, e.g. USD')
      .optional(),
    authMode: z.enum(AUTH_MODES).optional(),
    useCase: z
      .string()
      .regex(/^[A-Z]{4}$/, 'a use case is a four-letter Telesign code, e.g. OTHR')
      .optional(),
    lookup: z.enum(LOOKUP_KINDS).optional()
  })
  .strict()
