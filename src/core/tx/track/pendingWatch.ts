import { type PendingStreamState, startPendingStream } from '../../rpc/pendingStream'
import type { SocketFactory } from '../../rpc/reconnectingSocket'

export type PendingSighting = { endpoint: string; at: number }

/** What tracking asks of the WebSocket side of the watch (see `createPendingWatch`). */
export type PendingStreams = {
  /** The first pending-stream announcement of this hash, if any stream showed it. */
  sighting: (hash: string) => PendingSighting | undefined
  /** Streams live without a break since `since` or earlier: they would have shown anything announced after it. */
  coveringSince: (since: number) => string[]
}

/** Only the host is shown: keys live in the path or query. */
export function streamName(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'WebSocket endpoint'
  }
}

type Stream = { name: string; state: PendingStreamState; liveSince?: number; stop: () => void }

/**
 * The WebSocket half of Hush's own public-mempool watch, for one chain: a `newPendingTransactions` stream on
 * every WebSocket endpoint of the chain's config, open only while `setActive(true)` (a protected transaction
 * of this chain is being sent or is pending). Hashes announced are kept for a while, bounded, so a hash the
 * wallet returns after its broadcast is still found.
 */
export function createPendingWatch(options: {
  urls: readonly string[]
  socket?: SocketFactory
  now?: () => number
  maxKept?: number
  keepMs?: number
}): PendingStreams & {
  setActive: (on: boolean) => void
  states: () => Array<{ name: string; state: PendingStreamState }>
  dispose: () => void
} {
  const now = options.now ?? Date.now
  const maxKept = options.maxKept ?? 20_000
  const keepMs = options.keepMs ?? 15 * 60_000
  const seen = new Map<string, PendingSighting>()
  const streams = new Map<string, Stream>()

  const forget = () => {
    const cutoff = now() - keepMs
    for (const [hash, s] of seen) {
      if (seen.size <= maxKept && s.at >= cutoff) break
      seen.delete(hash)
    }
  }

  const open = (url: string) => {
    const stream: Stream = { name: streamName(url), state: 'connecting', stop: () => undefined }
    streams.set(url, stream)
    stream.stop = startPendingStream({
      url,
      ...(options.socket ? { socket: options.socket } : {}),
      now,
      onHash: (hash, at) => {
        if (seen.has(hash)) return
        seen.set(hash, { endpoint: stream.name, at })
        forget()
      },
      onState: (state, at) => {
        stream.state = state
        if (state === 'live') stream.liveSince = at
        else delete stream.liveSince
      },
    }).stop
  }

  return {
    setActive(on: boolean) {
      if (on) {
        for (const url of options.urls) if (!streams.has(url)) open(url)
        return
      }
      for (const s of streams.values()) s.stop()
      streams.clear()
    },
    sighting: (hash) => seen.get(hash.toLowerCase()),
    coveringSince: (since) =>
      [...streams.values()]
        .filter((s) => s.state === 'live' && s.liveSince !== undefined && s.liveSince <= since)
        .map((s) => s.name),
    states: () => [...streams.values()].map((s) => ({ name: s.name, state: s.state })),
    dispose() {
      for (const s of streams.values()) s.stop()
      streams.clear()
      seen.clear()
    },
  }
}
