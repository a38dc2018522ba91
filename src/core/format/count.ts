/** "both transactions" for two, "all 5 transactions" for more: "all 2" reads like a machine wrote it. */
export const allOf = (count: number, plural: string): string =>
  count === 2 ? `both ${plural}` : `all ${count} ${plural}`
