/** When this page load began: data older than this came from the persisted cache, not from this session. */
export const sessionStartedAt = Date.now()
