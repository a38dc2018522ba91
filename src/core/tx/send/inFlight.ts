/** Intents whose wallet request is in flight in this tab: the reload resolver leaves them alone. */
export const inFlightIntents = new Set<string>()
