import type { ServerResponse } from 'node:http'
import { z } from 'zod'
import { type BehaviourStats, behaviourSchema, type StandInBehaviour } from './behaviour'

/**
 * The stand-in's test control endpoint (on 127.0.0.1, never part of Protect's protocol): e2e tests run in
 * other processes than the stand-in, so they switch modes over HTTP.
 */
export const controlPrefix = '/__standin/'

type ControlApi = {
  setBehaviour: (key: string, behaviour: StandInBehaviour | null) => void
  stats: (key: string) => BehaviourStats
  holdMining: (hold: boolean) => Promise<void>
}

const keySchema = z.string().regex(/^(0x[0-9a-fA-F]{40}|[A-Za-z0-9_-]{1,64})$/)
const behaviourRequest = z.object({ key: keySchema, behaviour: behaviourSchema.nullable() })
const statsRequest = z.object({ key: keySchema })
const miningRequest = z.object({ hold: z.boolean() })

export async function handleControl(
  res: ServerResponse,
  path: string,
  body: string,
  api: ControlApi,
): Promise<void> {
  let json: unknown
  try {
    json = JSON.parse(body || '{}')
  } catch {
    return sendJson(res, 400, { error: 'not JSON' })
  }
  const action = path.slice(controlPrefix.length)
  if (action === 'behaviour') {
    const parsed = behaviourRequest.safeParse(json)
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message })
    api.setBehaviour(parsed.data.key, parsed.data.behaviour)
    return sendJson(res, 200, { ok: true })
  }
  if (action === 'stats') {
    const parsed = statsRequest.safeParse(json)
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message })
    return sendJson(res, 200, api.stats(parsed.data.key))
  }
  if (action === 'mining') {
    const parsed = miningRequest.safeParse(json)
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message })
    await api.holdMining(parsed.data.hold)
    return sendJson(res, 200, { ok: true })
  }
  return sendJson(res, 404, { error: 'unknown control action' })
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

/** The same controls from another process (Playwright workers), given the stand-in's RPC URL. */
export function standInControl(rpcUrl: string) {
  const base = new URL(controlPrefix, rpcUrl).toString()
  async function post<T>(action: string, body: unknown): Promise<T> {
    const res = await fetch(`${base}${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
    const json = (await res.json()) as T & { error?: string }
    if (!res.ok) throw new Error(`stand-in control ${action}: ${json.error ?? res.status}`)
    return json
  }
  return {
    setBehaviour: (key: string, behaviour: StandInBehaviour | null) =>
      post<{ ok: true }>('behaviour', { key, behaviour }),
    stats: (key: string) => post<BehaviourStats>('stats', { key }),
    holdMining: (hold: boolean) => post<{ ok: true }>('mining', { hold }),
  }
}
