// Windowing: which part of a long list or document is on screen, so only visible rows render.

/**
 * The first line to show so that lines [start, end) are visible, moving the previous offset as
 * little as possible; a block taller than the window shows its start.
 */
export function keepVisible(offset: number, start: number, end: number, height: number, total: number): number {
  let next = offset;
  if (end - next > height) next = end - height;
  if (start < next) next = start;
  return clamp(next, 0, Math.max(0, total - height));
}

export function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), max);
}
