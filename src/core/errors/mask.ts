/** Host (and port) of a URL only: a key in the path or query string never leaves this function. */
export function maskUrl(url: string): string {
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
