import { causeChain } from './causes'

/** Host (and port) of a URL only: a key in the path or query string never leaves this function. */
export function maskUrl(url: string): string {
  // Already masked (a bare host[:port]) stays as it is; anything else that is not a URL could be a key.
  if (/^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+|\[[0-9a-f:]+\])(:\d+)?$/i.test(url)) return url
  try {
    return new URL(url).host || 'unknown host'
  } catch {
    return 'unknown host'
  }
}

// Trailing punctuation belongs to the sentence, not the URL.
const urlInText = /\b(?:https?|wss?):\/\/[^\s"'<>)\]}]*[^\s"'<>)\]},.;:!?]/gi

/** Replaces every URL inside free text (error messages, logs) with its host. */
export function maskUrlsInText(text: string): string {
  return text.replace(urlInText, (url) => maskUrl(url))
}

const textFields = ['message', 'shortMessage', 'details', 'url', 'stack'] as const

/**
 * Masks URLs in place in an error and its causes (message, details, url, stack, metaMessages), so a key in an
 * endpoint URL cannot reach the console when something logs or rethrows the error. Returns the same error.
 */
export function sanitizeError<T>(error: T): T {
  for (const { raw: record } of causeChain(error)) {
    for (const field of textFields) {
      const value = record[field]
      if (typeof value !== 'string') continue
      const masked = field === 'url' ? maskUrl(value) : maskUrlsInText(value)
      if (masked === value) continue
      try {
        record[field] = masked
      } catch {
        // read-only property: nothing to do
      }
    }
    if (Array.isArray(record.metaMessages))
      record.metaMessages = record.metaMessages.map((m) => (typeof m === 'string' ? maskUrlsInText(m) : m))
  }
  return error
}
