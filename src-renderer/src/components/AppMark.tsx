/** The app's mark: a handset inside concentric rings, drawn inline so no asset request is needed. */
export function AppMark({ size = 26 }: { size?: number }) {
  return (
    <svg
      className="app-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <linearGradient id="app-mark-fill" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="var(--accent-strong)" />
          <stop offset="1" stopColor="var(--accent)" />
        </linearGradient>
      </defs>
      <rect x="1" y="1" width="30" height="30" rx="8" fill="url(#app-mark-fill)" />
      <circle cx="16" cy="16" r="9.5" fill="none" stroke="#fff" strokeOpacity="0.35" strokeWidth="1.5" />
      <path
        d="M12.2 10.5c.4-.4 1-.4 1.4 0l1.5 1.7c.3.4.3.9 0 1.3l-.8.9c.6 1.3 1.6 2.4 2.9 3l.9-.8c.4-.3.9-.3 1.3 0l1.7 1.5c.4.4.4 1 0 1.4l-.9 1c-.6.6-1.5.8-2.3.5-3.1-1.2-5.5-3.6-6.7-6.7-.3-.8-.1-1.7.5-2.3z"
        fill="#fff"
      />
    </svg>
  )
}
