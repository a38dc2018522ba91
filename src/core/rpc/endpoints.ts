import { z } from 'zod/mini'
import type { ChainConfig } from '../config/schema'
import { endpointUrlProblem } from '../config/schema'
import { maskUrl } from '../errors/mask'
import { isProtectHost } from '../protect/hosts'
import { defaultLocalRateLimit, defaultPublicRateLimit, type RateLimit } from './rateLimiter'

/** One read endpoint as the pool uses it. `id` is the URL: it is unique per chain and stable across reloads. */
export type Endpoint = {
  id: string
  url: string
  /** What the UI shows: the label, else the host. Never the path or query (keys live there). */
  name: string
  batch: boolean
  rateLimit: RateLimit
  source: 'config' | 'user'
  enabled: boolean
}

/** The user's changes to one chain's endpoint list, persisted under storageKeys.endpoints. */
export const chainEndpointSettingsSchema = z.object({
  added: z
    .array(z.object({ url: z.string(), label: z.optional(z.string().check(z.maxLength(64))) }))
    .check(z.maxLength(20)),
  order: z.array(z.string()).check(z.maxLength(64)),
  disabled: z.array(z.string()).check(z.maxLength(64)),
  removed: z.array(z.string()).check(z.maxLength(64)),
})
export type ChainEndpointSettings = z.infer<typeof chainEndpointSettingsSchema>

export const endpointSettingsSchema = z.record(z.string(), chainEndpointSettingsSchema)
export type EndpointSettings = z.infer<typeof endpointSettingsSchema>

export const emptyChainEndpointSettings: ChainEndpointSettings = {
  added: [],
  order: [],
  disabled: [],
  removed: [],
}

// Control and bidi-override characters could hide or reorder what an endpoint name shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const unsafeLabelChars = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

const isLocal = (url: string) => {
  try {
    const host = new URL(url).hostname
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]'
  } catch {
    return false
  }
}

/** Protect is a write endpoint that rejects JSON-RPC batches; never batch to it even if listed for reads. */
function isProtectUrl(url: string, chain: ChainConfig): boolean {
  try {
    const host = new URL(url).host
    return isProtectHost(url) || (!!chain.protect && new URL(chain.protect.rpcUrl).host === host)
  } catch {
    return false
  }
}

/** The endpoints of one chain: config first, then user-added, minus removed, in the user's order. */
export function resolveEndpoints(
  chain: ChainConfig,
  settings: ChainEndpointSettings | undefined,
): Endpoint[] {
  const s = settings ?? emptyChainEndpointSettings
  const fromConfig: Endpoint[] = chain.rpc.map((r) => ({
    id: r.url,
    url: r.url,
    name: r.label ?? maskUrl(r.url),
    batch: r.batch && !isProtectUrl(r.url, chain),
    rateLimit: r.rateLimit ?? (isLocal(r.url) ? defaultLocalRateLimit : defaultPublicRateLimit),
    source: 'config',
    enabled: true,
  }))
  const fromUser: Endpoint[] = s.added
    .filter(
      (a, i) =>
        !endpointUrlProblem(a.url, 'http') &&
        !fromConfig.some((c) => c.url === a.url) &&
        s.added.findIndex((b) => b.url === a.url) === i,
    )
    .map((a) => ({
      id: a.url,
      url: a.url,
      name: (a.label && !unsafeLabelChars.test(a.label) && a.label.trim()) || maskUrl(a.url),
      // Unknown providers may reject batches; single requests always work.
      batch: false,
      rateLimit: isLocal(a.url) ? defaultLocalRateLimit : defaultPublicRateLimit,
      source: 'user',
      enabled: true,
    }))
  const all = [...fromConfig, ...fromUser]
    .filter((e) => !s.removed.includes(e.id))
    .map((e) => ({ ...e, enabled: !s.disabled.includes(e.id) }))
  const rank = (e: Endpoint) => {
    const i = s.order.indexOf(e.id)
    return i === -1 ? s.order.length + all.indexOf(e) : i
  }
  return all.sort((a, b) => rank(a) - rank(b))
}

export type NewEndpointInput = { url: string; label?: string }

/** Field errors for the "add endpoint" form; an empty object means valid. */
export function validateNewEndpoint(
  input: NewEndpointInput,
  existing: Endpoint[],
): { url?: string; label?: string } {
  const errors: { url?: string; label?: string } = {}
  const url = input.url.trim()
  if (!url) errors.url = 'Enter the endpoint URL.'
  else {
    const problem = endpointUrlProblem(url, 'http')
    if (problem) errors.url = `The URL ${problem}.`
    else if (existing.some((e) => e.url === url)) errors.url = 'This endpoint is already in the list.'
  }
  const label = input.label?.trim() ?? ''
  if (label.length > 64) errors.label = 'The label must be at most 64 characters.'
  else if (unsafeLabelChars.test(label)) errors.label = 'The label must not contain control characters.'
  return errors
}

/** Pure edits of one chain's settings; the caller persists the result. */
export const endpointEdits = {
  add(s: ChainEndpointSettings, input: NewEndpointInput): ChainEndpointSettings {
    const label = input.label?.trim()
    const url = input.url.trim()
    return {
      ...s,
      added: [...s.added, label ? { url, label } : { url }],
      removed: s.removed.filter((r) => r !== url),
    }
  },
  remove(s: ChainEndpointSettings, id: string): ChainEndpointSettings {
    return {
      added: s.added.filter((a) => a.url !== id),
      order: s.order.filter((o) => o !== id),
      disabled: s.disabled.filter((d) => d !== id),
      removed: s.added.some((a) => a.url === id) ? s.removed : [...s.removed, id],
    }
  },
  setEnabled(s: ChainEndpointSettings, id: string, enabled: boolean): ChainEndpointSettings {
    const disabled = s.disabled.filter((d) => d !== id)
    return { ...s, disabled: enabled ? disabled : [...disabled, id] }
  },
  /** Moves `id` one place up (-1) or down (+1) in the current list. */
  move(s: ChainEndpointSettings, current: Endpoint[], id: string, delta: -1 | 1): ChainEndpointSettings {
    const ids = current.map((e) => e.id)
    const i = ids.indexOf(id)
    const j = i + delta
    if (i === -1 || j < 0 || j >= ids.length) return s
    const a = ids[i] as string
    ids[i] = ids[j] as string
    ids[j] = a
    return { ...s, order: ids }
  },
  /** Restores the config's endpoints and order, keeping nothing the user changed. */
  reset(): ChainEndpointSettings {
    return emptyChainEndpointSettings
  },
}
