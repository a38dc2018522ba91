import { config as zodConfig } from 'zod/v4/core'
import { defaultConfig } from './defaults'
import { type RuntimeConfig, runtimeConfigInputSchema, runtimeConfigSchema } from './schema'

export type ConfigProblem = { field: string; value: string; message: string }

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`${source} is invalid: ${problems.map((p) => `${p.field} = ${p.value}: ${p.message}`).join('; ')}`)
    this.name = 'ConfigError'
  }
}

/** Chains in the input replace built-in chains with the same id field by field, or are added. */
export function mergeConfig(base: RuntimeConfig, input: unknown): unknown {
  const parsed = runtimeConfigInputSchema.safeParse(input)
  if (!parsed.success) return input
  const { chains = [], defaultChainId, replaceDefaultChains } = parsed.data
  const merged: unknown[] = replaceDefaultChains ? [] : [...base.chains]
  for (const chain of chains) {
    const id = typeof chain === 'object' && chain !== null ? (chain as { id?: unknown }).id : undefined
    const index = merged.findIndex((c) => (c as { id: unknown }).id === id)
    if (index >= 0) merged[index] = { ...(merged[index] as object), ...(chain as object) }
    else merged.push(chain)
  }
  return { defaultChainId: defaultChainId ?? base.defaultChainId, chains: merged }
}

export function parseRuntimeConfig(
  input: unknown,
  source = 'config.json',
  base = defaultConfig,
): RuntimeConfig {
  const outer = runtimeConfigInputSchema.safeParse(input)
  if (!outer.success) throw new ConfigError(source, describeIssues(outer.error.issues, input))
  const merged = mergeConfig(base, input)
  const result = runtimeConfigSchema.safeParse(merged)
  if (!result.success) throw new ConfigError(source, describeIssues(result.error.issues, merged))
  return result.data
}

type Issue = { path: PropertyKey[]; message: string }

export function describeIssues(issues: readonly Issue[], input: unknown): ConfigProblem[] {
  return issues.map((issue) => ({
    field: formatPath(issue.path),
    value: formatValue(valueAt(input, issue.path)),
    message: issue.message,
  }))
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`
  return out || '(root)'
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[part]
  }
  return current
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

/** Fetches config.json next to index.html. 404 means "use defaults"; anything else wrong is a ConfigError. */
export async function loadRuntimeConfig(
  fetchFn: typeof fetch = fetch,
  url = 'config.json',
): Promise<{ config: RuntimeConfig; source: 'defaults' | 'config.json' }> {
  let response: Response
  try {
    response = await fetchFn(url, { cache: 'no-cache', headers: { accept: 'application/json' } })
  } catch (error) {
    throw new ConfigError(url, [
      { field: '(file)', value: url, message: `could not be fetched: ${String(error)}` },
    ])
  }
  if (response.status === 404) return { config: parseRuntimeConfig({}, 'defaults'), source: 'defaults' }
  if (!response.ok) {
    throw new ConfigError(url, [{ field: '(file)', value: url, message: `HTTP ${response.status}` }])
  }
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(url, [
      {
        field: '(file)',
        value: formatValue(text.slice(0, 60)),
        message: `is not JSON: ${(error as Error).message}`,
      },
    ])
  }
  try {
    return { config: parseRuntimeConfig(json, url), source: 'config.json' }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    // Checked again with zod's English messages ("expected number, received string"), loaded only now.
    await loadEnglishMessages()
    return { config: parseRuntimeConfig(json, url), source: 'config.json' }
  }
}

async function loadEnglishMessages() {
  const { default: en } = await import('zod/v4/locales/en.js')
  zodConfig(en())
}
