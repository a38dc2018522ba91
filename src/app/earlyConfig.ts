/** config.json, requested by the entry before React loads; read (once) by Boot. */
export const configRequest: Promise<Response> = fetch('config.json', {
  cache: 'no-cache',
  headers: { accept: 'application/json' },
})
configRequest.catch(() => undefined) // handled (as a ConfigError) when the loader reads it
