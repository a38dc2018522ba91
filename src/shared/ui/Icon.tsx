/**
 * Status icons as inline SVG (24 × 24 grid, stroked in currentColor), so they render without any emoji font.
 * Always decorative: the text next to an icon says the same thing.
 */
const paths = {
  check: <path d="M5 12.5l4.5 4.5L19 7.5" />,
  cross: <path d="M6.5 6.5l11 11M17.5 6.5l-11 11" />,
  warning: (
    <>
      <path d="M12 3.5L2.5 20h19z" />
      <path d="M12 10v4.5M12 17.2v.3" />
    </>
  ),
  lock: (
    <>
      <rect x="5" y="10.5" width="14" height="10" rx="2" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
    </>
  ),
  clock: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 7.5V12l3 2" />
    </>
  ),
  pause: <path d="M9 6v12M15 6v12" />,
  ban: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M6 18L18 6" />
    </>
  ),
  replace: (
    <>
      <path d="M5 9a7 7 0 0 1 12.5-3L19 8" />
      <path d="M19 4v4h-4" />
      <path d="M19 15a7 7 0 0 1-12.5 3L5 16" />
      <path d="M5 20v-4h4" />
    </>
  ),
  question: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5M12 16.8v.3" />
    </>
  ),
  archive: (
    <>
      <rect x="4" y="5" width="16" height="4" rx="1" />
      <path d="M5.5 9v10h13V9M10 13h4" />
    </>
  ),
  pen: <path d="M4 20l1-4.5L15.5 5a2 2 0 0 1 3 3L8 18.5z" />,
  circle: <circle cx="12" cy="12" r="7" />,
  dot: <circle cx="12" cy="12" r="4.5" fill="currentColor" />,
  dash: <path d="M6 12h12" />,
  more: <path d="M12 5.5v.5M12 11.75v.5M12 18v.5" strokeWidth="3" />,
  external: (
    <>
      <path d="M14 5h5v5M19 5l-8 8" />
      <path d="M17 14v5H5V7h5" />
    </>
  ),
  layers: (
    <>
      <path d="M12 4l8.5 4.5L12 13 3.5 8.5z" />
      <path d="M3.5 12.5L12 17l8.5-4.5M3.5 16L12 20.5l8.5-4.5" />
    </>
  ),
  info: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 11v5.5M12 7.7v.3" />
    </>
  ),
  eye: (
    <>
      <path d="M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12z" />
      <circle cx="12" cy="12" r="2.5" />
    </>
  ),
} as const

export type IconName = keyof typeof paths

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={['icon', className].filter(Boolean).join(' ')}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name]}
    </svg>
  )
}
