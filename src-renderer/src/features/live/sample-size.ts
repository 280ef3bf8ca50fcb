/** Between 10 and 200, about 5% of what is to pay, always less than all of it. */
export function defaultSampleSize(toPay: number): number {
  if (toPay <= 1) return 1
  return Math.min(toPay - 1, Math.max(10, Math.min(200, Math.round(toPay * 0.05))))
}
