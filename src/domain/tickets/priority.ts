/** Priority = f(impact, urgency), iTop's matrix (docs/domain.md §3). */
import type { Impact, Level1to4 } from './ticket';

const MATRIX: Record<Impact, Record<Level1to4, Level1to4>> = {
  1: { 1: 1, 2: 1, 3: 2, 4: 4 },
  2: { 1: 1, 2: 2, 3: 3, 4: 4 },
  3: { 1: 2, 2: 3, 3: 3, 4: 4 },
};

export function priorityOf(impact: Impact, urgency: Level1to4): Level1to4 {
  return MATRIX[impact][urgency];
}
