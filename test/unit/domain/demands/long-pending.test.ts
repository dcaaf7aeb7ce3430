/** Whole working days pending (docs/demands.md "Automatic conversion"): the pend day and today never count. */
import { longPendingDue, pendedAt, workingDaysPending } from '../../../../src/domain/demands/long-pending';

// Day numbers: 20423 = 2025-12-01 (Monday); weekends (day % 7 in {2, 3}: Saturday, Sunday) are not working days.
const weekdays = (day: number) => ![2, 3].includes(((day % 7) + 7) % 7);

describe('long pending', () => {
  it('counts the working days strictly between the pend day and today', () => {
    expect(weekdays(20423)).toBe(true);
    expect(workingDaysPending(20423, 20423, weekdays)).toBe(0);
    expect(workingDaysPending(20423, 20425, weekdays)).toBe(1); // Tuesday
    expect(workingDaysPending(20427, 20430, weekdays)).toBe(0); // Friday → Monday: the weekend does not count
    expect(workingDaysPending(20427, 20432, weekdays)).toBe(2); // Monday, Tuesday
  });

  it('is due at N whole working days; N below 1 is off', () => {
    expect(longPendingDue(20423, 20425, 2, weekdays)).toBe(false);
    expect(longPendingDue(20423, 20426, 2, weekdays)).toBe(true);
    expect(longPendingDue(20423, 20499, 0, weekdays)).toBe(false);
  });

  it('the current pending began at the last pend', () => {
    const at = (iso: string) => new Date(iso);
    expect(pendedAt([{ action: 'pend', at: at('2026-12-01') }, { action: 'resume', at: at('2026-12-02') }, { action: 'pend', at: at('2026-12-03') }, { action: 'note', at: at('2026-12-04') }]))
      .toEqual(at('2026-12-03'));
    expect(pendedAt([{ action: 'open', at: at('2026-12-01') }])).toBeNull();
  });
});
